"use client";
import { useActionState } from "react";
import { Field, FormError, Input } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { changePasswordAction } from "../actions";

/** Changing the password signs out every other session and revokes the API tokens (make new ones below). */
export function PasswordForm() {
  const [state, action] = useActionState(changePasswordAction, null);
  const failed = state && !state.ok ? state : null;
  const e = failed?.fieldErrors ?? {};
  return (
    <form action={action} className="max-w-md space-y-3">
      <FormError message={failed && !failed.fieldErrors ? failed.message : undefined} />
      {state?.ok && (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          Password changed. Other sessions were signed out
          {state.data.tokensRevoked
            ? ` and your ${state.data.tokensRevoked === 1 ? "API token was" : `${state.data.tokensRevoked} API tokens were`} revoked (make a new one below if a script needs it)`
            : ""}
          .
        </p>
      )}
      <Field id="current" label="Current password" error={e.current}>
        <Input id="current" name="current" type="password" autoComplete="current-password" required error={e.current} />
      </Field>
      <Field id="new-password" label="New password" hint="At least 10 characters." error={e.password}>
        <Input id="new-password" name="password" type="password" autoComplete="new-password" required error={e.password} />
      </Field>
      <Field id="confirm" label="New password again" error={e.confirm}>
        <Input id="confirm" name="confirm" type="password" autoComplete="new-password" required error={e.confirm} />
      </Field>
      <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
    </form>
  );
}
