// Auto-accept certified label by label (per-label budgets, lib/gold/per-label.ts): one row per label.
import { pct } from "@/components/metrics/format";
import type { AutoAcceptCertificate } from "@/lib/gold/auto-accept";

/** Each label's certificate: its budget, its blind items, its threshold and what it covers. */
export function PerLabelTable({ labels, versionNumber }: { labels: NonNullable<AutoAcceptCertificate["perLabel"]>; versionNumber: number }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[32rem] text-left text-sm" data-testid="per-label-certificate">
        <caption className="mb-1 text-left text-slate-600">
          Certified per label from version {versionNumber}, each label on its own blind items, all together with 95% confidence (
          {pct(labels[0]?.confidence ?? 0.95, 1)} each).
        </caption>
        <thead className="text-xs text-slate-500">
          <tr>
            <th className="py-1 pr-3 font-medium">Label</th>
            <th className="py-1 pr-3 font-medium">Budget</th>
            <th className="py-1 pr-3 font-medium">Blind items</th>
            <th className="py-1 pr-3 font-medium">Model confidence at least (right on the blind slice)</th>
            <th className="py-1 pr-3 font-medium">Wrong / at or above</th>
            <th className="py-1 pr-3 font-medium">Bound</th>
            <th className="py-1 font-medium">Covers</th>
          </tr>
        </thead>
        <tbody>
          {labels.map((l) => (
            <tr key={l.label} className="border-t border-slate-100">
              <td className="py-1 pr-3 font-medium">{l.label}</td>
              <td className="py-1 pr-3">
                {pct(l.budget, 1)}
                {l.own ? "" : " (project)"}
              </td>
              <td className="py-1 pr-3">{l.blindItems.toLocaleString()}</td>
              {l.threshold === null ? (
                <td className="py-1 text-slate-600" colSpan={4}>
                  {l.moreBlindNeeded === null
                    ? "Not certified: its most confident suggestions are wrong too often."
                    : `Not certified yet: about ${l.moreBlindNeeded.toLocaleString()} more blind items needed.`}
                </td>
              ) : (
                <>
                  <td className="py-1 pr-3">
                    {pct(l.threshold, 0)} ({pct(l.calibrated, 0)})
                  </td>
                  <td className="py-1 pr-3">
                    {l.errors} / {l.n.toLocaleString()}
                  </td>
                  <td className="py-1 pr-3">{pct(l.upper ?? 1, 1)}</td>
                  <td className="py-1">{l.candidates.toLocaleString()}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
