"use client";
// Creates an API token and shows it once, with how to use it.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { createTokenAction } from "../actions";

export function TokenForm() {
  const [state, action, pending] = useActionState(createTokenAction, null);
  return (
    <div className="space-y-3">
      <form action={action} className="flex items-end gap-3">
        <Field id="token-name" label="Token name" error={state && !state.ok ? (state.fieldErrors?.name ?? state.message) : undefined}>
          <Input id="token-name" name="name" placeholder="e.g. training pipeline" />
        </Field>
        <Button type="submit" disabled={pending}>
          Create token
        </Button>
      </form>
      {state?.ok && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" role="status">
          <p className="font-medium">Copy “{state.data.name}” now: it will not be shown again.</p>
          <code className="mt-1 block font-mono break-all select-all" data-testid="new-token">
            {state.data.token}
          </code>
          <p className="mt-1 text-slate-600">
            Use it as <code>Authorization: Bearer …</code> on <code>/api/v1</code>; it sees exactly the projects you see.
          </p>
        </div>
      )}
    </div>
  );
}
