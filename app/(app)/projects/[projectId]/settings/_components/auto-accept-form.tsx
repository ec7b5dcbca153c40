"use client";
// The error budget and auto-accept switch. A server action bound to the form (it posts without
// JavaScript); saving queues the apply as a job and returns at once, and the apply's progress and
// outcome show under the form.
import { useActionState } from "react";
import { Field, FormError, Input } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ApplyProgress as ApplyProgressValue } from "@/lib/gold/apply-job";
import { updateAutoAcceptAction } from "../actions";
import { ApplyProgress } from "./apply-progress";

type Values = { errorBudgetPercent: number | null; autoAccept: boolean; auditPercent: number; learnerCascade: boolean; groundedOnly: boolean };
/** A label and its own budget in percent (null: the project's). */
export type LabelBudgetValue = { name: string; color: string; percent: number | null };

/**
 * `learner`: the project's task type has a task learner (not spans or pairs), so the cascade is offered.
 * `labels`: offered per-label budgets (single-label and pairwise projects; absent otherwise).
 */
export function AutoAcceptForm({
  projectId,
  initial,
  learner = true,
  labels,
  apply,
}: {
  projectId: string;
  initial: Values;
  learner?: boolean;
  labels?: LabelBudgetValue[];
  /** The latest apply, shown live under the form. */
  apply: ApplyProgressValue | null;
}) {
  const [state, action] = useActionState(updateAutoAcceptAction.bind(null, projectId), null);
  const failed = state && !state.ok ? state : null;
  const e = failed?.fieldErrors ?? {};
  const done = state?.ok ? state.data : null;
  return (
    <form action={action} className="space-y-4" data-testid="auto-accept-form">
      <FormError message={failed && !failed.fieldErrors ? failed.message : undefined} />
      {done && (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="auto-accept-result">
          Saved. Certifying and applying in the background: progress below.
        </p>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          id="errorBudgetPercent"
          label="Error budget (%)"
          hint="At most this share of auto-accepted labels wrong, with 95% confidence, proved on the blind slice. Empty: off."
          error={e.errorBudgetPercent}
        >
          <Input
            id="errorBudgetPercent"
            name="errorBudgetPercent"
            inputMode="decimal"
            defaultValue={failed?.values?.errorBudgetPercent ?? initial.errorBudgetPercent ?? ""}
            error={e.errorBudgetPercent}
          />
        </Field>
        <Field
          id="auditPercent"
          label="Audit share (%)"
          hint="Of the items above the threshold, this share still goes to people, blind."
          error={e.auditPercent}
        >
          <Input
            id="auditPercent"
            name="auditPercent"
            type="number"
            min={1}
            max={100}
            defaultValue={failed?.values?.auditPercent ?? initial.auditPercent}
            error={e.auditPercent}
          />
        </Field>
      </div>
      {labels && labels.length > 0 && <LabelBudgets labels={labels} errors={e} values={failed?.values} />}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="autoAccept" defaultChecked={initial.autoAccept} /> Auto-accept suggestions the certificate covers (they become gold marked
        AUTO and leave the queue)
      </label>
      {learner && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="learnerCascade" defaultChecked={initial.learnerCascade} /> Let the task learner answer, under the same budget, the items
          it is certified on before a run sends them to the LLM (the cascade: fewer items billed)
        </label>
      )}
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="groundedOnly" defaultChecked={initial.groundedOnly} className="mt-0.5" />
        <span>
          Never accept a suggestion whose reasoning quotes words the item does not contain
          <span className="block text-xs text-slate-500">
            For prompts that write a rationale first. The certificate is then computed on the grounded suggestions only, the ones it can accept.
          </span>
        </span>
      </label>
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save and apply
      </SubmitButton>
      <ApplyProgress key={done?.applyId ?? "initial"} projectId={projectId} initial={apply} waitFor={done?.applyId} />
    </form>
  );
}

/** One budget per label, each at most the project's; empty uses the project's. */
function LabelBudgets({ labels, errors, values }: { labels: LabelBudgetValue[]; errors: Record<string, string>; values?: Record<string, unknown> }) {
  const anyOwn = labels.some((l) => l.percent !== null) || labels.some((l) => errors[`labelBudgets.${l.name}`]);
  return (
    <details open={anyOwn} className="rounded-md border border-slate-200 p-3 text-sm" data-testid="label-budgets">
      <summary className="cursor-pointer font-medium">Per-label budgets (optional)</summary>
      <p className="mt-2 text-slate-600">
        A stricter budget for labels whose mistakes cost more. When any label has one, each label is certified on its own blind items (so each needs enough of
        them), all at once with 95% confidence; empty uses the project&apos;s budget.
      </p>
      <div className="mt-3 grid gap-3 sm:grid-cols-3">
        {labels.map((l) => {
          const id = `labelBudget-${l.name}`;
          const error = errors[`labelBudgets.${l.name}`];
          const value = values?.[`labelBudget.${l.name}`];
          return (
            <Field key={l.name} id={id} label={l.name} error={error}>
              <Input
                id={id}
                name={`labelBudget.${l.name}`}
                inputMode="decimal"
                placeholder="project's"
                defaultValue={typeof value === "string" ? value : (l.percent ?? "")}
                error={error}
              />
            </Field>
          );
        })}
      </div>
    </details>
  );
}
