// The auto-accept audit as people found it, overall and (with per-label budgets) per label.
import { pct } from "@/components/metrics/format";
import type { AuditState } from "@/lib/gold/auto-accept";

/** The audit: what people found among auto-accept candidates they checked blind, with its interval. */
export function AuditSummary({ audit }: { audit: AuditState }) {
  const line = (a: AuditState) =>
    a.n === 0
      ? "none checked yet"
      : `${a.errors} wrong of ${a.n.toLocaleString()}: ${pct(a.errors / a.n, 1)} (95% interval ${pct(a.interval![0], 1)}–${pct(a.interval![1], 1)}), bound ${pct(a.upper ?? 1, 1)} against ${pct(a.budget, 1)}` +
        (a.n < a.needed ? `; ${a.needed.toLocaleString()} needed before it can pause anything` : "");
  return (
    <div className="rounded-md border border-slate-200 p-3" data-testid="auto-accept-audit">
      <p>
        <strong>Audit</strong> (candidates people checked blind): {line(audit)}.
      </p>
      {audit.labels && (
        <ul className="mt-1 list-disc pl-5 text-slate-600">
          {audit.labels.map((l) => (
            <li key={l.label}>
              {l.label}: {line(l)}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-1 text-xs text-slate-500">Auto-accept pauses itself when the one-sided 95% bound passes the budget.</p>
    </div>
  );
}
