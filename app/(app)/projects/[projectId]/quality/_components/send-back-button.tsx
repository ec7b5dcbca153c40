"use client";
import { useActionState } from "react";
import { FormError } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { sendBackAction } from "../../settings/actions";

/** The labels auto-accepted since the last good audit go back to people. */
export function SendBackButton({ projectId }: { projectId: string }) {
  const [state, action] = useActionState(sendBackAction.bind(null, projectId), null);
  return (
    <form action={action} className="mt-2">
      <FormError message={state && !state.ok ? state.message : undefined} />
      {state?.ok ? (
        <p role="status">{state.data.items.toLocaleString()} labels are back in the review queue.</p>
      ) : (
        <SubmitButton size="sm" variant="secondary" pendingLabel="Sending back…">
          Send the labels accepted since the last good audit back to review
        </SubmitButton>
      )}
    </form>
  );
}
