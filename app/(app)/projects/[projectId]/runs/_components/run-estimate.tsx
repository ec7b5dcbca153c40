"use client";
// What the selected run will cost, before it starts: items, the expected cost and the worst case
// (every answer at max_tokens), and what is left of the budget.
import type { RunEstimate } from "@/lib/runs/estimate";

const usd = (n: number) => (n === 0 ? "$0" : n < 0.01 ? `$${n.toFixed(4)}` : `$${n.toFixed(2)}`);

export function RunEstimateView({ estimate, loading, error }: { estimate: RunEstimate | null; loading: boolean; error?: string }) {
  if (error) return <p className="text-sm text-red-700">{error}</p>;
  if (!estimate) return <p className="text-sm text-slate-500">{loading ? "Estimating the cost…" : ""}</p>;
  const { budgetUsd, spentUsd, reservedUsd } = estimate.budget;
  const left = budgetUsd === null ? null : Math.max(0, budgetUsd - spentUsd - reservedUsd);
  const overBudget = left !== null && estimate.worstCaseUsd > left;
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm" aria-live="polite" data-testid="run-estimate">
      <p>
        <strong>{estimate.items.toLocaleString("en-US")}</strong> items
        {estimate.requests !== estimate.items && <> ({estimate.requests.toLocaleString("en-US")} requests)</>}: about{" "}
        <strong>{usd(estimate.expectedUsd)}</strong>, at most <strong>{usd(estimate.worstCaseUsd)}</strong>.
      </p>
      <p className="mt-1 text-slate-600">
        {estimate.prefix.cacheable
          ? "The prompt prefix is read from the cache after the first request (a tenth of the input price)."
          : "Nothing is cached: the prompt prefix is shorter than this model caches (see the prompt)."}
      </p>
      {estimate.alreadyLabeled > 0 && (
        <p className="mt-1 text-slate-600">
          {estimate.alreadyLabeled.toLocaleString("en-US")} items in this selection already have this version&apos;s answer and are left out.
        </p>
      )}
      <p className={overBudget ? "mt-1 font-medium text-amber-800" : "mt-1 text-slate-600"}>
        {left === null ? "The project has no budget; the instance's monthly limit still applies." : `Budget left: ${usd(left)}.`}
        {overBudget && " The run stops when the budget cannot cover the next request: raise the budget to label every item."}
      </p>
    </div>
  );
}
