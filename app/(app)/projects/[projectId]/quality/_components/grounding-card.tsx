// Rationales checked against the text, for the version shown: how often its reasoning quotes words
// the item does not contain, and whether those suggestions are less often right.
import { Card } from "@/components/ui/card";
import { Term } from "@/components/ui/help";
import { pct } from "@/components/metrics/format";
import type { GroundingFigures } from "@/lib/metrics/grounding";
import type { Interval } from "@/lib/stats/measures";

const range = (i: Interval | null) => (i ? `${pct(i.low)}–${pct(i.high)}` : "—");

export function GroundingCard({ g }: { g: GroundingFigures }) {
  const rows = [
    { name: "Quotes found in the item", side: g.grounded },
    { name: "Quotes not found", side: g.notFound },
  ];
  return (
    <Card title="Rationales checked against the text">
      <p className="text-sm text-slate-700" data-testid="ungrounded-share">
        <Term help="The prompt asks the model to quote the words of the item its reasoning relies on; a quote is found when it occurs in the item, ignoring case and spacing.">
          Ungrounded rationales
        </Term>
        : <strong>{pct(g.ungroundedShare)}</strong> of {g.suggestions.toLocaleString()} suggestions (95% {range(g.ungroundedInterval)}).
      </p>
      <table className="mt-3 w-full text-sm">
        <thead>
          <tr className="text-left text-slate-500">
            <th className="py-1 font-medium">Against gold</th>
            <th className="py-1 font-medium">Accuracy</th>
            <th className="py-1 font-medium">95% interval</th>
            <th className="py-1 font-medium">Gold items</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} className="border-t border-slate-100">
              <td className="py-1">{r.name}</td>
              <td className="py-1 font-medium">{pct(r.side.accuracy)}</td>
              <td className="py-1">{range(r.side.interval)}</td>
              <td className="py-1">{r.side.n.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-500">
        Measured on every gold item this version labeled (assisted reviews included). Reviewers see a warning on an ungrounded rationale; auto-accept can be set
        to skip them in Settings.
      </p>
    </Card>
  );
}
