"use client";
// Used by first-run set-up and by invitation acceptance: create the account, then sign in with it.
import { useState } from "react";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";

type Values = { name: string; email: string; password: string };
type Result = ActionResult<unknown>;

export function AccountForm({
  action,
  submitLabel,
  askEmail,
  fixedEmail,
  next = "/projects",
}: {
  action: (values: Values) => Promise<Result>;
  submitLabel: string;
  askEmail?: boolean;
  fixedEmail?: string;
  next?: string;
}) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const values = { name: String(form.get("name") ?? ""), email: fixedEmail ?? String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    setPending(true);
    const res = await action(values);
    if (!res.ok) {
      setPending(false);
      setErrors(res.fieldErrors ?? {});
      setMessage(res.message);
      return;
    }
    const signedIn = await signIn("credentials", { email: values.email, password: values.password, redirect: false });
    window.location.assign(signedIn?.ok ? next : "/sign-in");
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={message} />
      <Field id="name" label="Your name" error={errors.name}>
        <Input id="name" name="name" autoComplete="name" required error={errors.name} autoFocus />
      </Field>
      {askEmail ? (
        <Field id="email" label="Email" error={errors.email}>
          <Input id="email" name="email" type="email" autoComplete="email" required error={errors.email} />
        </Field>
      ) : (
        <p className="text-sm text-slate-600">
          Email: <span className="font-medium">{fixedEmail}</span>
        </p>
      )}
      <Field id="password" label="Password" hint="At least 10 characters." error={errors.password}>
        <Input id="password" name="password" type="password" autoComplete="new-password" required error={errors.password} />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating…" : submitLabel}
      </Button>
    </form>
  );
}
