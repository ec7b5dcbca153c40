"use client";
import { useActionState } from "react";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { PROJECT_CREATOR_NAMES, PROJECT_CREATORS, type InstanceSettings } from "@/lib/instance/schemas";
import { updateInstanceSettingsAction } from "../actions";

export function InstanceSettingsForm({ settings }: { settings: InstanceSettings }) {
  const [state, action] = useActionState(updateInstanceSettingsAction, null);
  const failed = state && !state.ok ? state : null;
  const e = failed?.fieldErrors ?? {};
  const amount = (v: number | null) => (v === null ? "" : String(v));
  return (
    <form action={action} className="max-w-xl space-y-4">
      <FormError message={failed && !failed.fieldErrors ? failed.message : undefined} />
      {state?.ok && (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          Settings saved.
        </p>
      )}
      <Field
        id="projectCreators"
        label="Who may create projects"
        hint="Whoever creates a project leads it, and can spend the API key on it."
        error={e.projectCreators}
      >
        <Select id="projectCreators" name="projectCreators" defaultValue={failed?.values?.projectCreators ?? settings.projectCreators}>
          {PROJECT_CREATORS.map((c) => (
            <option key={c} value={c}>
              {PROJECT_CREATOR_NAMES[c]}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        id="monthlySpendLimitUsd"
        label="Monthly spend limit, all projects (US dollars)"
        hint="Runs stop before a request would take this calendar month (UTC) past it. Empty: no limit."
        error={e.monthlySpendLimitUsd}
      >
        <Input
          id="monthlySpendLimitUsd"
          name="monthlySpendLimitUsd"
          inputMode="decimal"
          defaultValue={failed?.values?.monthlySpendLimitUsd ?? amount(settings.monthlySpendLimitUsd)}
          error={e.monthlySpendLimitUsd}
        />
      </Field>
      <Field
        id="defaultProjectBudgetUsd"
        label="Budget of a new project (US dollars)"
        hint="Its leads can change it. Empty: new projects have no budget."
        error={e.defaultProjectBudgetUsd}
      >
        <Input
          id="defaultProjectBudgetUsd"
          name="defaultProjectBudgetUsd"
          inputMode="decimal"
          defaultValue={failed?.values?.defaultProjectBudgetUsd ?? amount(settings.defaultProjectBudgetUsd)}
          error={e.defaultProjectBudgetUsd}
        />
      </Field>
      <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
    </form>
  );
}
