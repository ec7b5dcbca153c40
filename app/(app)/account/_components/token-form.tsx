"use client";
// Creates an API token and shows it once, with how to use it. A server action bound to the form:
// it posts (the token never appears in a URL) and works without JavaScript.
import { useActionState } from "react";
import { Field, FormError, Input } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { createTokenAction } from "../actions";

const SCOPES = [
  { value: "read", label: "Read", help: "list and read items, imports, runs, metrics, exports" },
  { value: "review", label: "Review", help: "claim items and record decisions" },
  { value: "lead", label: "Lead", help: "import files and start exports, in projects you lead" },
];

export function TokenForm() {
  const [state, action] = useActionState(createTokenAction, null);
  const failed = state && !state.ok ? state : null;
  return (
    <div className="space-y-3">
      <form action={action} className="space-y-3">
        <FormError message={failed && !failed.fieldErrors ? failed.message : undefined} />
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="token-name" label="Token name" error={failed?.fieldErrors?.name}>
            <Input id="token-name" name="name" placeholder="e.g. training pipeline" defaultValue={failed?.values?.name} error={failed?.fieldErrors?.name} />
          </Field>
          <Field id="token-expiry" label="Expires after (days)" hint="Empty: never. Shorter is safer." error={failed?.fieldErrors?.expiresInDays}>
            <Input
              id="token-expiry"
              name="expiresInDays"
              inputMode="numeric"
              defaultValue={failed?.values?.expiresInDays ?? "90"}
              error={failed?.fieldErrors?.expiresInDays}
            />
          </Field>
        </div>
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-700">What it may do</legend>
          {SCOPES.map((s) => (
            <label key={s.value} className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="scopes" value={s.value} defaultChecked={s.value === "read"} className="mt-1" />
              <span>
                <span className="font-medium">{s.label}</span> <span className="text-slate-500">({s.help})</span>
              </span>
            </label>
          ))}
          {failed?.fieldErrors?.scopes && (
            <p role="alert" className="text-xs font-medium text-red-600">
              {failed.fieldErrors.scopes}
            </p>
          )}
        </fieldset>
        <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
      </form>
      {state?.ok && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" role="status">
          <p className="font-medium">Copy “{state.data.name}” now: it will not be shown again.</p>
          <code className="mt-1 block font-mono break-all select-all" data-testid="new-token">
            {state.data.token}
          </code>
          <p className="mt-1 text-slate-600">
            Use it as <code>Authorization: Bearer …</code> on <code>/api/v1</code>. It never does more than you can in a project, and it cannot be used to sign
            in to the app.
          </p>
        </div>
      )}
    </div>
  );
}
