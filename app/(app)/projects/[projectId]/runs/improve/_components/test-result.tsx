// A test's verdict in words and figures: both accuracies with their intervals, the paired
// difference with its interval, the exact test against this test's level, and per-label changes.
import type { TestResult } from "@/lib/alignment/evaluate";

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(1)}%`);
const range = (i: { low: number; high: number } | null) => (i ? `${pct(i.low)}–${pct(i.high)}` : "—");
const signed = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)}`;

function moreNeeded(r: TestResult): string {
  if (r.onlyParent + r.onlyCandidate === 0)
    return " No held-out item tells the two versions apart yet: more held-out gold is needed (review where they disagree first, below).";
  if (r.moreGoldNeeded !== null) return ` At the difference seen, about ${r.moreGoldNeeded.toLocaleString("en-US")} more held-out gold items would decide it.`;
  return " At the difference seen, no number of items would show it better.";
}

export function TestResultView({
  result: r,
  parentNumber,
  candidateNumber,
  look,
}: {
  result: TestResult;
  parentNumber: number | null;
  candidateNumber: number | null;
  look: number | null;
}) {
  const diff = r.difference;
  return (
    <div className="space-y-2 text-sm" data-testid="proposal-result">
      <p className={r.significant ? "font-medium text-green-800" : "font-medium text-slate-800"} role="status">
        {r.significant
          ? `Version ${candidateNumber} is better on the held-out gold: it got ${r.onlyCandidate} items right that version ${parentNumber} got wrong, and ${r.onlyParent} the other way (p = ${r.pValue.toPrecision(2)} < ${r.alpha}).`
          : `Not shown better at this test's level (p = ${r.pValue.toPrecision(2)}, needs < ${r.alpha}): ${r.onlyCandidate} items only version ${candidateNumber} got right, ${r.onlyParent} only version ${parentNumber}.`}
        {!r.significant && moreNeeded(r)}
      </p>
      <AccuracyBars
        rows={[
          { name: `Version ${parentNumber} (parent)`, accuracy: r.parentAccuracy, interval: r.parentInterval, tone: "bg-slate-400" },
          { name: `Version ${candidateNumber} (candidate)`, accuracy: r.candidateAccuracy, interval: r.candidateInterval, tone: "bg-indigo-500" },
        ]}
      />
      <div className="overflow-x-auto">
        <table className="min-w-full text-left">
          <caption className="sr-only">Accuracy on the held-out gold</caption>
          <thead className="text-slate-500">
            <tr>
              <th scope="col" className="pr-4 font-medium">
                On {r.n.toLocaleString("en-US")} held-out gold items
              </th>
              <th scope="col" className="pr-4 font-medium">
                Accuracy
              </th>
              <th scope="col" className="font-medium">
                95% interval
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row" className="pr-4 font-normal">
                Version {parentNumber} (parent)
              </th>
              <td className="pr-4">{pct(r.parentAccuracy)}</td>
              <td>{range(r.parentInterval)}</td>
            </tr>
            <tr>
              <th scope="row" className="pr-4 font-normal">
                Version {candidateNumber} (candidate)
              </th>
              <td className="pr-4">{pct(r.candidateAccuracy)}</td>
              <td>{range(r.candidateInterval)}</td>
            </tr>
            {diff && (
              <tr className="border-t border-slate-200">
                <th scope="row" className="pr-4 font-normal">
                  Difference (paired)
                </th>
                <td className="pr-4">{signed(diff.difference)} points</td>
                <td>
                  {signed(diff.interval.low)} to {signed(diff.interval.high)} points
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {r.perLabel.length > 1 && (
        <p className="text-slate-600">
          Per gold label (right, parent → candidate): {r.perLabel.map((l) => `${l.label} ${l.parentRight} → ${l.candidateRight} of ${l.n}`).join("; ")}.
        </p>
      )}
      {r.earlier?.length ? (
        <p className="text-slate-600">
          Earlier looks at this round: {r.earlier.map((e) => `test ${e.look} on ${e.n} items, p = ${e.pValue.toPrecision(2)} (needed < ${e.alpha})`).join("; ")}
          .
        </p>
      ) : null}
      <p className="text-slate-500">
        McNemar&apos;s exact test, one-sided, on the {r.onlyParent + r.onlyCandidate} items exactly one version got right. This was test {look} on this held-out
        set, held to 0.05 / 2<sup>{look}</sup> = {r.alpha} so that repeated proposals cannot wear the held-out set out. The test cost{" "}
        {r.costUsd < 0.01 ? `$${r.costUsd.toFixed(4)}` : `$${r.costUsd.toFixed(2)}`}.
      </p>
    </div>
  );
}

type Bar = { name: string; accuracy: number | null; interval: { low: number; high: number } | null; tone: string };

/** Both accuracies as bars on one 0-100% scale, each with its 95% interval as a whisker. */
function AccuracyBars({ rows }: { rows: Bar[] }) {
  return (
    <div role="img" aria-label={rows.map((b) => `${b.name}: ${pct(b.accuracy)}, 95% interval ${range(b.interval)}`).join("; ")} className="space-y-1.5">
      {rows.map((b) => (
        <div key={b.name} className="grid grid-cols-[9rem_1fr] items-center gap-2 text-xs" aria-hidden="true">
          <span className="truncate text-slate-600">{b.name}</span>
          <div className="relative h-4 rounded bg-slate-100">
            <div className={`absolute inset-y-0 left-0 rounded ${b.tone}`} style={{ width: `${(b.accuracy ?? 0) * 100}%` }} />
            {b.interval && (
              <div
                className="absolute top-1/2 h-0.5 -translate-y-1/2 bg-slate-900"
                style={{ left: `${b.interval.low * 100}%`, width: `${(b.interval.high - b.interval.low) * 100}%` }}
              >
                <span className="absolute -top-1 left-0 h-2.5 w-0.5 bg-slate-900" />
                <span className="absolute -top-1 right-0 h-2.5 w-0.5 bg-slate-900" />
              </div>
            )}
          </div>
        </div>
      ))}
      <div className="grid grid-cols-[9rem_1fr] gap-2 text-[11px] text-slate-500" aria-hidden="true">
        <span />
        <span className="flex justify-between">
          <span>0%</span>
          <span>accuracy on held-out gold (bar), 95% interval (whisker)</span>
          <span>100%</span>
        </span>
      </div>
    </div>
  );
}
