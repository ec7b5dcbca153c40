"use client";
// The new password, twice. A server action bound to the form: it posts, and works before the
// page's JavaScript has loaded.
import { useActionState } from "react";
import { Field, FormError, Input } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { resetPasswordWithLinkAction } from "../actions";

export function ResetForm({ token }: { token: string }) {
  const [state, action] = useActionState(resetPasswordWithLinkAction, null);
  const failed = state && !state.ok ? state : null;
  const e = failed?.fieldErrors ?? {};
  return (
    <form action={action} method="post" className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <FormError message={failed?.message} />
      <Field id="password" label="New password" hint="At least 10 characters." error={e.password}>
        <Input id="password" name="password" type="password" autoComplete="new-password" required error={e.password} autoFocus />
      </Field>
      <Field id="confirm" label="New password again" error={e.confirm}>
        <Input id="confirm" name="confirm" type="password" autoComplete="new-password" required error={e.confirm} />
      </Field>
      <SubmitButton className="w-full" pendingLabel="Saving…">
        Set password and sign in
      </SubmitButton>
    </form>
  );
}
