"use client";
// A lead corrects the gold, with a reason; a plain form (works without JavaScript). Spans are
// corrected by choosing one of the answers given (a reviewer's or the model's).
import { useActionState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { correctGoldAction } from "../actions";
import type { ValueView } from "@/lib/values/value";
import { taskTypeDef, type TaskType } from "@/lib/task-types";

type Props = {
  projectId: string;
  itemId: number;
  taskType: TaskType;
  labels: string[];
  current: ValueView | null;
  answers: { text: string; json: string }[];
  blind: boolean;
};

export function GoldCorrection(p: Props) {
  const [state, action] = useActionState(correctGoldAction.bind(null, p.projectId), null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={action} className="space-y-3 text-sm" aria-label="Correct the gold">
      <input type="hidden" name="itemId" value={p.itemId} />
      <FormError message={failed?.message} />
      {state?.ok && (
        <p role="status" className="text-green-800">
          Gold corrected. The audit log keeps the old value and your reason.
        </p>
      )}
      <fieldset className="space-y-1">
        <legend className="mb-1 font-medium">New gold</legend>
        {taskTypeDef(p.taskType).field === "spans"
          ? p.answers.map((a) => (
              <label key={a.json} className="flex items-start gap-2">
                <input type="radio" name="answer" value={a.json} className="mt-1" /> {a.text}
              </label>
            ))
          : p.labels.map((l) => (
              <label key={l} className="flex items-center gap-2">
                <input
                  type={taskTypeDef(p.taskType).field === "labels" ? "checkbox" : "radio"}
                  name={taskTypeDef(p.taskType).field}
                  value={l}
                  defaultChecked={p.current?.label === l || (p.current?.labels?.includes(l) ?? false)}
                />
                {l}
              </label>
            ))}
      </fieldset>
      <Field id="reason" label="Why" error={failed?.fieldErrors?.reason}>
        <textarea id="reason" name="reason" required rows={2} maxLength={2000} className="w-full rounded-md border border-slate-300 p-2" />
      </Field>
      {p.blind && (
        <p className="text-xs text-amber-800">
          This item is in the blind slice. You have seen the model&apos;s suggestion here, so a correction takes it out of the slice.
        </p>
      )}
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Correct the gold
      </SubmitButton>
    </form>
  );
}
