// The auto-accept audit as people found it, overall and (with per-label budgets) per label: the
// interval that stays valid however often it is looked at, and the decision it leads to, in words.
import { pct } from "@/components/metrics/format";
import type { AuditState } from "@/lib/gold/auto-accept";

const needs = (a: AuditState) =>
  a.toShowWithin === null ? "more audited items than are likely to come" : `about ${a.toShowWithin.toLocaleString()} more audited items, all right`;

/** One audit (overall or a label's) in words: what was found, the interval, and what it means against the budget. */
function line(a: AuditState, paused: boolean): string {
  if (a.n === 0) return paused ? `none checked since the pause yet; resumes after ${needs(a)}` : "none checked yet";
  const found = `${a.errors} wrong of ${a.n.toLocaleString()}: the error is between ${pct(a.interval[0], 1)} and ${pct(a.interval[1], 1)}`;
  const verdict = a.over
    ? `, all above the ${pct(a.budget, 1)} budget`
    : a.within
      ? `, within the ${pct(a.budget, 1)} budget`
      : paused
        ? ""
        : `: no evidence yet of more errors than the ${pct(a.budget, 1)} budget`;
  return paused && !a.within ? `${found}${verdict}; resumes when it is wholly within ${pct(a.budget, 1)}: after ${needs(a)}` : `${found}${verdict}`;
}

export function AuditSummary({ audit, paused = false }: { audit: AuditState; paused?: boolean }) {
  return (
    <div className="rounded-md border border-slate-200 p-3" data-testid="auto-accept-audit">
      <p>
        <strong>Audit</strong> ({paused ? "candidates people checked blind since the pause" : "candidates people checked blind"}): {line(audit, paused)}.
      </p>
      {audit.labels && (
        <ul className="mt-1 list-disc pl-5 text-slate-600">
          {audit.labels.map((l) => (
            <li key={l.label}>
              {l.label}: {line(l, paused)}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-1 text-xs text-slate-600">
        Checked after every audited decision. The interval is 95% and stays valid however often it is looked at, so auto-accept pauses only when the audit shows
        the error is above the budget, and a paused version resumes by itself when the items audited since the pause show it within. Audited items never count
        toward a certificate or the blind figures.
      </p>
    </div>
  );
}
