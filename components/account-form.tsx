"use client";
// First-run set-up and invitation acceptance: create the account, which signs in and moves on. A
// server action bound to the form, so it posts (never a GET with the password in the URL) and works
// before the page's JavaScript has loaded; errors come back with the name and email kept.
import { useActionState } from "react";
import { Field, FormError, Input } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/action-result";

type FormAction = (state: ActionResult<unknown> | null, form: FormData) => Promise<ActionResult<unknown>>;

export function AccountForm({
  action,
  submitLabel,
  askEmail,
  fixedEmail,
  hidden = {},
}: {
  action: FormAction;
  submitLabel: string;
  askEmail?: boolean;
  fixedEmail?: string;
  /** Extra fields the action needs (the invitation token). */
  hidden?: Record<string, string>;
}) {
  const [state, formAction] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-4">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormError message={failed?.message} />
      <Field id="name" label="Your name" error={errors.name}>
        <Input id="name" name="name" autoComplete="name" required maxLength={100} defaultValue={failed?.values?.name} error={errors.name} autoFocus />
      </Field>
      {askEmail ? (
        <Field id="email" label="Email" error={errors.email}>
          <Input id="email" name="email" type="email" autoComplete="email" required defaultValue={failed?.values?.email} error={errors.email} />
        </Field>
      ) : (
        <p className="text-sm text-slate-600">
          Email: <span className="font-medium">{fixedEmail}</span>
        </p>
      )}
      <Field id="password" label="Password" hint="At least 10 characters." error={errors.password}>
        <Input id="password" name="password" type="password" autoComplete="new-password" required error={errors.password} />
      </Field>
      <SubmitButton className="w-full" pendingLabel="Creating…">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
