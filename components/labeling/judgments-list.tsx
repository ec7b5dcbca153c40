// The pairwise judge's answer in each order it was asked (lib/pairwise/judge.ts), for the item page:
// a lead sees whether the verdict held when the responses swapped places, and what each cost.
import type { Judgment } from "@/lib/pairwise/judge";

const ORDER = { AB: "A shown first", BA: "B shown first" } as const;

export function JudgmentsList({ judgments }: { judgments: unknown }) {
  if (!Array.isArray(judgments) || !judgments.length) return null;
  const js = judgments as Judgment[];
  return (
    <ul className="space-y-2 border-t border-slate-100 pt-2" data-testid="judgments">
      {js.map((j, i) => (
        <li key={i}>
          <p>
            <span className="text-slate-500">{ORDER[j.order] ?? j.order}:</span>{" "}
            {j.label === null ? (
              <span className="text-red-700">no answer ({j.error})</span>
            ) : (
              <>
                <strong>{j.label}</strong>
                {j.confidence !== null && <span className="text-slate-500"> · {Math.round(j.confidence * 100)}%</span>}
              </>
            )}
            <span className="text-xs text-slate-500"> · ${j.costUsd.toFixed(6)}</span>
          </p>
          {j.rationale && <p className="text-xs whitespace-pre-wrap text-slate-600">{j.rationale}</p>}
        </li>
      ))}
    </ul>
  );
}
