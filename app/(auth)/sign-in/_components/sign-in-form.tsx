"use client";
// Signing in is a server action bound to the form: a POST that works before the page's JavaScript
// has loaded (or without it), never a GET with the password in the URL.
import { useActionState } from "react";
import { Field, FormError, Input } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { signInAction } from "../actions";

export function SignInForm({ next, email: initialEmail = "" }: { next: string; email?: string }) {
  const [state, formAction] = useActionState(signInAction, null);
  const failed = state && !state.ok ? state : null;
  const email = failed?.values?.email ?? initialEmail;
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="next" value={next} />
      <FormError message={failed?.message} />
      <Field id="email" label="Email" error={failed?.fieldErrors?.email}>
        <Input id="email" name="email" type="email" autoComplete="email" required defaultValue={email} autoFocus={!email} error={failed?.fieldErrors?.email} />
      </Field>
      <Field id="password" label="Password" error={failed?.fieldErrors?.password}>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          autoFocus={Boolean(email)}
          error={failed?.fieldErrors?.password}
        />
      </Field>
      <SubmitButton className="w-full" pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
