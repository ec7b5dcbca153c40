"use client";
// Care for the people who review: what they are warned of, what the model flags and blurs, how much
// one person reviews in a day, and when they are reminded to take a break.
import { useActionState } from "react";
import { Field, FormError, Input, Textarea } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { CareSettings } from "@/lib/reviews/care-settings";
import { updateCareAction } from "../actions";

export function CareForm({ projectId, initial }: { projectId: string; initial: CareSettings }) {
  const [state, action] = useActionState(updateCareAction.bind(null, projectId), null);
  const failed = state && !state.ok ? state : null;
  const e = failed?.fieldErrors ?? {};
  const v = (key: keyof CareSettings, fallback: string) => (failed?.values?.[key] as string | undefined) ?? fallback;
  return (
    <form action={action} className="space-y-4" data-testid="care-form">
      <FormError message={failed && !failed.fieldErrors ? failed.message : undefined} />
      {state?.ok && (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          Saved.
        </p>
      )}
      <Field
        id="contentWarning"
        label="Content warning"
        hint="Shown to each reviewer before their first item, and again whenever you change it. Empty: none."
        error={e.contentWarning}
      >
        <Textarea id="contentWarning" name="contentWarning" rows={3} defaultValue={v("contentWarning", initial.contentWarning)} error={e.contentWarning} />
      </Field>
      <Field
        id="distressCategories"
        label="Distressing content the model flags"
        hint="One category per line (at most 10), e.g. violence, self-harm. The next runs ask the model which ones each item contains."
        error={e.distressCategories}
      >
        <Textarea
          id="distressCategories"
          name="distressCategories"
          rows={3}
          defaultValue={v("distressCategories", initial.distressCategories.join("\n"))}
          error={e.distressCategories}
        />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="blurDistressing" defaultChecked={initial.blurDistressing} /> Blur flagged items until the reviewer chooses to see them
      </label>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="dailyCap" label="Items per reviewer per day" hint="Empty: no cap. Skips are never counted." error={e.dailyCap}>
          <Input id="dailyCap" name="dailyCap" inputMode="numeric" defaultValue={v("dailyCap", initial.dailyCap?.toString() ?? "")} error={e.dailyCap} />
        </Field>
        <Field id="breakMinutes" label="Break reminder after (minutes)" hint="Of reviewing without a pause. Empty: no reminder." error={e.breakMinutes}>
          <Input
            id="breakMinutes"
            name="breakMinutes"
            inputMode="numeric"
            defaultValue={v("breakMinutes", initial.breakMinutes?.toString() ?? "")}
            error={e.breakMinutes}
          />
        </Field>
      </div>
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save
      </SubmitButton>
    </form>
  );
}
