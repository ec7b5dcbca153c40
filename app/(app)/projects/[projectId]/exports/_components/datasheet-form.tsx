"use client";
// The lead's part of the datasheet that goes with every export: kept on the project.
import { useActionState } from "react";
import { Field, FormError, Textarea, Input } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { LEAD_TEXT_FIELDS, type LeadText } from "@/lib/exports/datasheet/lead-text";
import { saveDatasheetTextAction } from "../actions";

export function DatasheetForm({ projectId, text }: { projectId: string; text: LeadText }) {
  const [state, action] = useActionState(saveDatasheetTextAction.bind(null, projectId), null);
  const failed = state && !state.ok ? state : null;
  const e = failed?.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" data-testid="datasheet-form">
      <FormError message={failed && !failed.fieldErrors ? failed.message : undefined} />
      {state?.ok && (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          Saved: the next export&apos;s datasheet carries it.
        </p>
      )}
      {LEAD_TEXT_FIELDS.map((f) => {
        const value = (failed?.values?.[f.key] as string | undefined) ?? text[f.key];
        const short = f.key === "licence" || f.key === "contact";
        return (
          <Field key={f.key} id={`datasheet-${f.key}`} label={f.label} hint={f.hint} error={e[f.key]}>
            {short ? (
              <Input id={`datasheet-${f.key}`} name={f.key} defaultValue={value} error={e[f.key]} />
            ) : (
              <Textarea id={`datasheet-${f.key}`} name={f.key} rows={3} defaultValue={value} error={e[f.key]} />
            )}
          </Field>
        );
      })}
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="nameReviewers" defaultChecked={text.nameReviewers} className="mt-0.5" />
        <span>
          Name the reviewers in the datasheet
          <span className="block text-xs text-slate-500">Off: reviewers are counted, never named.</span>
        </span>
      </label>
      <SubmitButton pendingLabel="Saving…">Save the datasheet text</SubmitButton>
    </form>
  );
}
