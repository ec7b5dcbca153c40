// Confusion matrix as a heat map: rows are gold, columns the model's answer; darker is more items.
// Each non-empty cell links to the items browser filtered to exactly those items.
import Link from "next/link";
import type { Confusion } from "@/lib/stats/measures";

export function ConfusionMatrix({ confusion, itemsHref }: { confusion: Confusion; itemsHref: (gold: string, suggested: string) => string }) {
  const max = Math.max(1, ...confusion.matrix.flat());
  return (
    <div className="overflow-x-auto">
      <table className="text-sm" data-testid="confusion-matrix">
        <caption className="mb-2 text-left text-xs text-slate-500">Rows: gold · columns: model · open a cell to see its items</caption>
        <thead>
          <tr>
            <th />
            {confusion.labels.map((l) => (
              <th key={l} scope="col" className="px-2 py-1 text-xs font-medium text-slate-600">
                {l}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {confusion.matrix.map((row, i) => (
            <tr key={confusion.labels[i]}>
              <th scope="row" className="pr-2 text-right text-xs font-medium text-slate-600">
                {confusion.labels[i]}
              </th>
              {row.map((n, j) => {
                const share = n / max;
                const what = `gold ${confusion.labels[i]}, model ${confusion.labels[j]}: ${n} item${n === 1 ? "" : "s"}`;
                return (
                  <td
                    key={j}
                    className="h-12 min-w-12 border border-white p-0 text-center tabular-nums"
                    style={{
                      background: i === j ? `rgba(22,163,74,${0.1 + 0.8 * share})` : `rgba(220,38,38,${n ? 0.1 + 0.8 * share : 0.03})`,
                      color: share > 0.55 ? "white" : undefined,
                    }}
                  >
                    {n ? (
                      <Link
                        href={itemsHref(confusion.labels[i], confusion.labels[j])}
                        aria-label={what}
                        className="block px-2 py-3 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
                      >
                        {n}
                      </Link>
                    ) : (
                      <span className="block px-2" aria-label={what}>
                        0
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
