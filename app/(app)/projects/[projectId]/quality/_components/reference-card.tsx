// Agreement with the labels a team already had (imported as a reference): people, gold and each
// version side by side, each with its interval drawn under the rate, so a lead sees at a glance
// whether Claude agrees with the old labels as often as people do.
import type { ReferenceAgreement } from "@/lib/metrics/reference";
import { Card } from "@/components/ui/card";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The rate as a bar, its 95% interval as a dark line across it. */
function RateBar({ rate, low, high }: { rate: number; low: number; high: number }) {
  return (
    <div className="relative mt-1 h-2 w-40 max-w-full rounded bg-slate-100" aria-hidden>
      <div className="absolute inset-y-0 left-0 rounded bg-indigo-300" style={{ width: `${rate * 100}%` }} />
      <div className="absolute top-1/2 h-0.5 -translate-y-1/2 bg-slate-700" style={{ left: `${low * 100}%`, width: `${(high - low) * 100}%` }} />
    </div>
  );
}

export function ReferenceCard({ agreement }: { agreement: ReferenceAgreement }) {
  return (
    <Card title="Agreement with your reference labels">
      <div className="space-y-3 text-sm" data-testid="reference-card">
        <p className="text-slate-600">
          {agreement.references.toLocaleString()} items carry a label you imported as a reference. Each row is how often an answer matches it, with a 95%
          interval, on the items both have. The reference is what you used before, not the truth: a version that agrees with it as often as people do is as good
          as the old labels, not necessarily right.
        </p>
        <Table>
          <THead>
            <Tr>
              <Th>Who</Th>
              <Th>Agrees with the reference</Th>
              <Th className="text-right">Items</Th>
            </Tr>
          </THead>
          <TBody>
            {agreement.rows.map((r) => (
              <Tr key={r.who}>
                <Td>
                  <span className="font-medium">{r.who}</span>
                  <span className="block text-xs text-slate-500">{r.hint}</span>
                </Td>
                <Td>
                  {r.rate === null || !r.interval ? (
                    <span className="text-slate-500">none yet</span>
                  ) : (
                    <>
                      <strong>{pct(r.rate)}</strong> <span className="text-xs text-slate-500">{`${pct(r.interval.low)}–${pct(r.interval.high)}`}</span>
                      <RateBar rate={r.rate} low={r.interval.low} high={r.interval.high} />
                    </>
                  )}
                </Td>
                <Td className="text-right tabular-nums">{r.n.toLocaleString()}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </div>
    </Card>
  );
}
