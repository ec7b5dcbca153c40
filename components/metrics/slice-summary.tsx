// The headline figures of one slice (all / blind / assisted), each with its explanation one press
// away (a "?" toggletip: keyboard and touch, no hover needed).
import type { GoldNeeded, SliceMetrics } from "@/lib/metrics/queries";
import { EXPLAIN, num, pct } from "@/components/metrics/format";
import { Help, Term } from "@/components/ui/help";

/** "enough", "N more", or what the project can reach when it has fewer items than that. */
export function goldNeededText(g: GoldNeeded): string {
  if (g.more === 0) return "enough";
  if (g.more <= g.available) return `${g.more.toLocaleString()} more`;
  return g.bestHalfWidth === null ? "no items left" : `±${Math.round(g.bestHalfWidth * 100)} at best`;
}

export function SliceSummary({ title, hint, m, needed }: { title: string; hint: string; m: SliceMetrics; needed: GoldNeeded }) {
  const rows: [string, string, string][] = [
    ["Gold items", String(m.n), "Gold items this version labeled."],
    [
      // A rubric's item is right when every criterion is (auto-accept's error); per criterion below.
      m.rating ? "Every criterion exact" : "Accuracy",
      m.accuracy === null ? "—" : `${pct(m.accuracy)} (${pct(m.interval?.low)}–${pct(m.interval?.high)})`,
      m.rating ? "Share of items where the model's level equals gold on every criterion, with its 95% interval." : EXPLAIN.accuracy,
    ],
    ...(m.kappa !== null ? [["Cohen's kappa", num(m.kappa), EXPLAIN.kappa] as [string, string, string]] : []),
    ...(m.rating
      ? []
      : ([
          ["Macro F1", pct(m.macroF1), EXPLAIN.macroF1],
          ["Micro F1", pct(m.microF1), EXPLAIN.microF1],
        ] as [string, string, string][])),
    ...(m.multiLabel
      ? ([
          ["Exact match", pct(m.multiLabel.exactMatch), EXPLAIN.exactMatch],
          ["Hamming loss", num(m.multiLabel.hammingLoss), EXPLAIN.hamming],
        ] as [string, string, string][])
      : []),
    ["Calibration error", num(m.calibration.ece), EXPLAIN.ece],
    [
      "Gold needed for ±3 pts",
      goldNeededText(needed),
      `${EXPLAIN.moreGold} This slice can still gain about ${needed.available.toLocaleString()} items from the project's items without gold; when that is fewer than needed, the best interval reachable is shown.`,
    ],
  ];
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`slice-${title.toLowerCase()}`}>
      <h3 className="flex items-center text-sm font-semibold">
        {title}
        <Help label={`About the ${title.toLowerCase()} slice`}>{hint}</Help>
      </h3>
      <dl className="mt-2 space-y-1 text-sm">
        {rows.map(([k, v, why]) => (
          <div key={k} className="flex items-center justify-between gap-3">
            <dt className="text-slate-500">
              <Term help={why}>{k}</Term>
            </dt>
            <dd className="font-medium tabular-nums">{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
