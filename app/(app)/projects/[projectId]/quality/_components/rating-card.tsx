// A rubric's figures, one row per criterion, on the slice that measures the model honestly (blind,
// when people rated any item without seeing the suggestion; else every gold item, and the card says
// so). Rates and means carry their 95% interval; the bias says which way the model leans.
import type { CriterionFigures, CriterionPeople } from "@/lib/metrics/rating";
import type { Estimate } from "@/lib/stats/ordinal";
import { Card } from "@/components/ui/card";
import { Term } from "@/components/ui/help";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const dec = (x: number) => x.toFixed(2);
const signed = (x: number) => `${x > 0 ? "+" : ""}${x.toFixed(2)}`;

function Figure({ e, as }: { e: Estimate | null; as: (x: number) => string }) {
  if (!e) return <span className="text-slate-400">—</span>;
  return (
    <span className="whitespace-nowrap">
      <strong>{as(e.value)}</strong>
      {e.interval && <span className="block text-xs text-slate-500">{`${as(e.interval.low)} to ${as(e.interval.high)}`}</span>}
    </span>
  );
}

/** Which way the model leans, when its interval says it does. */
function leaning(bias: Estimate | null): string {
  if (!bias?.interval) return "";
  if (bias.interval.low > 0) return "rates higher than people";
  if (bias.interval.high < 0) return "rates lower than people";
  return "no clear lean";
}

export function RatingCard({ rows, slice, n, people }: { rows: CriterionFigures[]; slice: "blind" | "all"; n: number; people: CriterionPeople[] | null }) {
  return (
    <Card title="Per criterion">
      <div className="space-y-3 text-sm" data-testid="rating-card">
        <p className="text-slate-600">
          The model&apos;s levels against gold on{" "}
          {slice === "blind"
            ? `the blind slice (${n.toLocaleString()} items people rated without seeing it)`
            : `every gold item (${n.toLocaleString()}; none was rated blind yet, so people may have followed the suggestion)`}
          . Each figure has its 95% interval: Wilson for the rates, normal for the means, a seeded bootstrap over items for kappa and alpha.
        </p>
        <div className="overflow-x-auto">
          <Table>
            <THead>
              <Tr>
                <Th>Criterion</Th>
                <Th className="text-right">Items</Th>
                <Th>Exact</Th>
                <Th>
                  <Term help="Share of items where the model's level is at most one away from gold.">Within one</Term>
                </Th>
                <Th>
                  <Term help="Mean absolute difference between the model's level and gold, in levels.">Mean abs. error</Term>
                </Th>
                <Th>
                  <Term help="Cohen's kappa with quadratic weights: 1 is perfect agreement, 0 what chance gives; far misses cost more than near ones.">
                    Weighted kappa
                  </Term>
                </Th>
                <Th>
                  <Term help="Krippendorff's alpha on the ordinal metric, model and gold as two raters.">Alpha (ordinal)</Term>
                </Th>
                <Th>
                  <Term help="Mean of the model's level minus gold's: above 0 the model is more lenient than people, below 0 harsher.">Bias</Term>
                </Th>
              </Tr>
            </THead>
            <TBody>
              {rows.map((r) => (
                <Tr key={r.criterion}>
                  <Td>
                    <span className="font-medium">{r.criterion}</span>
                    <span className="block text-xs text-slate-500">
                      {r.scale.min}–{r.scale.max}
                    </span>
                  </Td>
                  <Td className="text-right tabular-nums">{r.n.toLocaleString()}</Td>
                  <Td>
                    <Figure e={r.exact} as={pct} />
                  </Td>
                  <Td>
                    <Figure e={r.withinOne} as={pct} />
                  </Td>
                  <Td>
                    <Figure e={r.meanAbsoluteError} as={dec} />
                  </Td>
                  <Td>
                    <Figure e={r.quadraticKappa} as={dec} />
                  </Td>
                  <Td>
                    <Figure e={r.alphaOrdinal} as={dec} />
                  </Td>
                  <Td>
                    <Figure e={r.bias} as={signed} />
                    <span className="block text-xs text-slate-500">{leaning(r.bias)}</span>
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </div>
        {people && (
          <p className="text-slate-600" data-testid="rating-people">
            People with each other (Krippendorff&apos;s ordinal α over items two or more people rated):{" "}
            {people.map((p, i) => (
              <span key={p.criterion}>
                {i > 0 && " · "}
                {p.criterion}{" "}
                {p.alpha ? (
                  <>
                    <strong>{dec(p.alpha.value)}</strong>
                    {p.alpha.interval && ` (${dec(p.alpha.interval.low)} to ${dec(p.alpha.interval.high)})`} on {p.items.toLocaleString()} items
                  </>
                ) : (
                  <span className="text-slate-500">not enough overlap yet ({p.items} items)</span>
                )}
              </span>
            ))}
            .
          </p>
        )}
      </div>
    </Card>
  );
}
