"use client";
// What another error budget would give: each budget's own fixed-sequence certification (computed
// with the certificate, on the same blind slice), the items it would take off people's hands, and
// what that is worth at this project's pace and a reviewer cost the lead can type in.
import { useId, useState } from "react";
import type { WhatIf } from "@/lib/gold/auto-accept";

const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;

export function WhatIfBudget({ options, budget, secondsPerItem }: { options: WhatIf[]; budget: number; secondsPerItem: number | null }) {
  const sorted = [...options].sort((a, b) => a.budget - b.budget);
  const [index, setIndex] = useState(
    Math.max(
      0,
      sorted.findIndex((o) => o.budget === budget),
    ),
  );
  const [hourly, setHourly] = useState(30);
  const sliderId = useId();
  const rateId = useId();
  const o = sorted[index];
  if (!o) return null;
  const hours = secondsPerItem ? (o.candidates * secondsPerItem) / 3600 : null;
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 p-3" data-testid="what-if">
      <label htmlFor={sliderId} className="block text-sm font-medium">
        What if the budget were <span data-testid="what-if-budget">{pct(o.budget)}</span>?
      </label>
      <input
        id={sliderId}
        type="range"
        min={0}
        max={sorted.length - 1}
        step={1}
        value={index}
        onChange={(e) => setIndex(Number(e.target.value))}
        className="mt-2 w-full accent-indigo-600"
        aria-valuetext={`${pct(o.budget)} budget`}
      />
      <div className="flex justify-between text-xs text-slate-500" aria-hidden>
        <span>{pct(sorted[0].budget)}</span>
        <span>{pct(sorted[sorted.length - 1].budget)}</span>
      </div>
      <p className="mt-2 text-sm" data-testid="what-if-result" aria-live="polite">
        {o.threshold === null ? (
          o.moreBlindNeeded === null ? (
            "Nothing could be certified: the most confident suggestions are wrong more often than this budget allows."
          ) : (
            `Nothing certified yet: about ${o.moreBlindNeeded.toLocaleString()} more blind reviews needed.`
          )
        ) : (
          <>
            Suggestions the model gave with a confidence of {pct(o.threshold, 0)} or more
            {o.calibrated === null ? "" : ` (right ${pct(o.calibrated, 0)} of the time on the blind slice)`}, certified error at most {pct(o.upper ?? 1)}:{" "}
            <strong>{o.candidates.toLocaleString()} items</strong> no person needs to see
            {hours !== null && (
              <>
                , about {hours < 10 ? hours.toFixed(1) : Math.round(hours).toLocaleString()} reviewer hours and ${Math.round(hours * hourly).toLocaleString()}
              </>
            )}
            .
          </>
        )}
      </p>
      {hours !== null && (
        <label htmlFor={rateId} className="mt-2 flex items-center gap-2 text-xs text-slate-600">
          Reviewer cost per hour, $
          <input
            id={rateId}
            type="number"
            min={0}
            step={1}
            value={hourly}
            onChange={(e) => setHourly(Math.max(0, Number(e.target.value) || 0))}
            className="w-20 rounded border border-slate-300 px-2 py-1"
          />
        </label>
      )}
      <p className="mt-2 text-xs text-slate-500">Each budget is its own scan of the blind slice; only the budget saved in Settings is applied.</p>
    </div>
  );
}
