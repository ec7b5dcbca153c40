// Pairwise projects: position bias and self-consistency of each judge version and of people, then
// the leaderboard of the models that wrote the responses, from human gold beside the judge alone,
// each score with its 95% interval drawn as a bar, so a lead sees whether the judge ranks the
// models as people do. Judge accuracy, kappa and the A/B/tie confusion are the page's usual cards.
import { Card } from "@/components/ui/card";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { positionBias, type PairwiseQuality, type Rate } from "@/lib/pairwise/metrics";
import type { Standing } from "@/lib/pairwise/bradley-terry";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function RateCell({ r, empty }: { r: Rate; empty: string }) {
  if (r.rate === null || !r.interval) return <span className="text-slate-500">{empty}</span>;
  return (
    <>
      <strong>{pct(r.rate)}</strong> <span className="text-xs text-slate-500">{`${pct(r.interval.low)}–${pct(r.interval.high)}`}</span>
      <span className="block text-xs text-slate-500">of {r.n.toLocaleString()}</span>
    </>
  );
}

function BiasNote({ r }: { r: Rate }) {
  const bias = positionBias(r.rate);
  if (bias === null || !r.interval) return null;
  const biased = r.interval.low > 0.5 || r.interval.high < 0.5;
  return (
    <span className={biased ? "block text-xs font-medium text-amber-800" : "block text-xs text-slate-500"}>
      bias {bias >= 0 ? "+" : ""}
      {bias.toFixed(2)}
      {biased ? (r.rate! > 0.5 ? " · prefers the first-shown" : " · prefers the second-shown") : " · within chance"}
    </span>
  );
}

export function PairwiseCard({ q }: { q: PairwiseQuality }) {
  return (
    <>
      <Card title="Position bias and consistency">
        <div className="space-y-3 text-sm" data-testid="position-bias">
          <p className="text-slate-600">
            Every pair is judged in both orders and people see each pair in a random order, so an unbiased judge picks the first-shown response in 50% of its
            A-or-B answers. Bias runs from −1 to +1 (+1: always the first-shown); a 95% interval that misses 50% means the order, not the responses, decides
            some answers. Consistency: the share of pairs whose two orders got the same answer.
          </p>
          <Table>
            <THead>
              <Tr>
                <Th>Who</Th>
                <Th>Picks the first-shown</Th>
                <Th>Same answer both ways</Th>
              </Tr>
            </THead>
            <TBody>
              {q.judges.map((j) => (
                <Tr key={j.versionId}>
                  <Td className="font-medium">Judge v{j.versionNumber}</Td>
                  <Td>
                    <RateCell r={j.firstShown} empty="no decisive answers yet" />
                    <BiasNote r={j.firstShown} />
                  </Td>
                  <Td>
                    <RateCell r={j.consistency} empty="no pair judged both ways yet" />
                  </Td>
                </Tr>
              ))}
              <Tr>
                <Td className="font-medium">People</Td>
                <Td>
                  <RateCell r={q.human} empty="no A-or-B decisions yet" />
                  <BiasNote r={q.human} />
                </Td>
                <Td className="text-slate-500">each person sees a pair once</Td>
              </Tr>
            </TBody>
          </Table>
        </div>
      </Card>
      {q.leaderboard && (
        <Card title="Leaderboard of the models that wrote the responses">
          <div className="space-y-4 text-sm" data-testid="leaderboard">
            <p className="text-slate-600">
              Bradley-Terry scores on the Elo scale (1000 is the average model; 100 points ≈ 64% expected wins), with 95% intervals from the model&apos;s
              standard errors; a tie counts half a win. Left: from people&apos;s gold (not auto-accepted labels). Right: from judge v
              {q.leaderboard.judgeVersion ?? "?"} alone, on every pair it judged.
            </p>
            <div className="grid gap-6 lg:grid-cols-2">
              <Standings title="From people's gold" rows={q.leaderboard.gold} />
              <Standings title={`From the judge (v${q.leaderboard.judgeVersion ?? "?"})`} rows={q.leaderboard.judge} />
            </div>
          </div>
        </Card>
      )}
    </>
  );
}

function Standings({ title, rows }: { title: string; rows: Standing[] }) {
  if (!rows.length) return <p className="text-slate-500">{title}: no games yet (pairs that name both models).</p>;
  // The bar's scale: every score and every known interval end.
  const ends = rows.flatMap((r) => [r.elo, r.low ?? r.elo, r.high ?? r.elo]);
  const lo = Math.min(...ends);
  const hi = Math.max(...ends);
  const at = (x: number) => `${hi > lo ? ((x - lo) / (hi - lo)) * 100 : 50}%`;
  return (
    <div className="min-w-0">
      <h3 className="mb-2 font-medium">{title}</h3>
      <Table>
        <THead>
          <Tr>
            <Th>#</Th>
            <Th>Model</Th>
            <Th>Score</Th>
            <Th className="text-right">Win rate</Th>
          </Tr>
        </THead>
        <TBody>
          {rows.map((r, i) => (
            <Tr key={r.model}>
              <Td className="tabular-nums">{i + 1}</Td>
              <Td className="font-medium break-all">{r.model}</Td>
              <Td>
                <span className="tabular-nums">{Math.round(r.elo)}</span>{" "}
                <span className="text-xs text-slate-500">
                  {r.low === null || r.high === null ? "no interval: met too few others" : `${Math.round(r.low)}–${Math.round(r.high)}`}
                </span>
                <div className="relative mt-1 h-2 w-32 max-w-full rounded bg-slate-100" aria-hidden>
                  {r.low !== null && r.high !== null && (
                    <div className="absolute top-0 h-2 rounded bg-indigo-300" style={{ left: at(r.low), width: `calc(${at(r.high)} - ${at(r.low)})` }} />
                  )}
                  <div className="absolute top-0 h-2 w-0.5 bg-slate-800" style={{ left: at(r.elo) }} />
                </div>
              </Td>
              <Td className="text-right tabular-nums">
                {pct(r.winRate)}
                <span className="block text-xs text-slate-500">{r.games} games</span>
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
