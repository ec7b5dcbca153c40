"use client";
import { useActionState } from "react";
import { FormError } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { acceptAsUserAction } from "../actions";

export function AcceptAsUser({ token, signedInAs, invitedEmail }: { token: string; signedInAs: string; invitedEmail: string }) {
  const [state, formAction] = useActionState(acceptAsUserAction, null);
  if (signedInAs !== invitedEmail) {
    return <FormError message={`This invitation is for ${invitedEmail}, but you are signed in as ${signedInAs}. Sign out and sign in with that account.`} />;
  }
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      <FormError message={state && !state.ok ? state.message : undefined} />
      <SubmitButton pendingLabel="Joining…">Accept invitation</SubmitButton>
    </form>
  );
}
