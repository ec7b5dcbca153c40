// The headline figures of one slice (all / blind / assisted), with explanations on hover.
import type { SliceMetrics } from "@/lib/metrics/queries";
import { EXPLAIN, num, pct } from "@/components/metrics/format";

export function SliceSummary({ title, hint, m }: { title: string; hint: string; m: SliceMetrics }) {
  const rows: [string, string, string][] = [
    ["Gold items", String(m.n), "Gold items this version labeled."],
    ["Accuracy", m.accuracy === null ? "—" : `${pct(m.accuracy)} (${pct(m.interval?.low)}–${pct(m.interval?.high)})`, EXPLAIN.accuracy],
    ...(m.kappa !== null ? [["Cohen's kappa", num(m.kappa), EXPLAIN.kappa] as [string, string, string]] : []),
    ["Macro F1", pct(m.macroF1), EXPLAIN.macroF1],
    ["Micro F1", pct(m.microF1), EXPLAIN.microF1],
    ...(m.multiLabel
      ? ([
          ["Exact match", pct(m.multiLabel.exactMatch), EXPLAIN.exactMatch],
          ["Hamming loss", num(m.multiLabel.hammingLoss), EXPLAIN.hamming],
        ] as [string, string, string][])
      : []),
    ["Calibration error", num(m.calibration.ece), EXPLAIN.ece],
    ["Gold needed for ±3 pts", m.moreGoldNeeded === 0 ? "enough" : `${m.moreGoldNeeded.toLocaleString()} more`, EXPLAIN.moreGold],
  ];
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`slice-${title.toLowerCase()}`}>
      <h3 className="text-sm font-semibold" title={hint}>
        {title} <span className="cursor-help text-xs text-slate-400">(?)</span>
      </h3>
      <dl className="mt-2 space-y-1 text-sm">
        {rows.map(([k, v, why]) => (
          <div key={k} className="flex justify-between gap-3" title={why}>
            <dt className="cursor-help text-slate-500 underline decoration-dotted decoration-slate-300">{k}</dt>
            <dd className="font-medium tabular-nums">{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
