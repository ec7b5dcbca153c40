// Quality by slice: pick a field, see where the model (and people) do worse, and whether the blind
// slice has the project's make-up on that field. Loaded in its own Suspense boundary: the grouping
// reads the project's items, and the rest of the page should not wait for it.
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { Help, Term } from "@/components/ui/help";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { pct } from "@/components/metrics/format";
import type { ProjectAccess } from "@/lib/auth/access";
import { qualityByField, sliceFields } from "@/lib/metrics/by-field";
import type { SliceReport, SliceTest } from "@/lib/stats/slices";
import type { Interval } from "@/lib/stats/measures";
import { AppError } from "@/lib/errors";

type Props = { access: ProjectAccess; field?: string; on?: string; versionId?: string };

export async function SlicesCard({ access, field, on, versionId }: Props) {
  const fields = await sliceFields(access.projectId);
  const chosen = field && fields.some((f) => f.key === field) ? field : (fields.find((f) => !f.key.startsWith("@"))?.key ?? "@length");
  const basis = on === "blind" ? "blind" : "all";
  let report;
  try {
    report = await qualityByField(access, chosen, { versionId, on: basis });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    report = null;
  }
  const model = report?.model ?? null;
  return (
    <Card id="slices" title="Quality by slice">
      <form className="mb-4 flex flex-wrap items-end gap-3" method="get" action="#slices">
        {versionId && <input type="hidden" name="version" value={versionId} />}
        <label className="text-sm">
          <span className="block text-slate-600">Break down by</span>
          <select name="by" defaultValue={chosen} className="mt-1 max-w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm">
            {fields.map((f) => (
              <option key={f.key} value={f.key}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-slate-600">Measure the model on</span>
          <select name="on" defaultValue={basis} className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm">
            <option value="all">All gold</option>
            <option value="blind">The blind slice only</option>
          </select>
        </label>
        <button className={buttonClass("secondary", "sm")}>Show</button>
      </form>
      {!report ? (
        <p className="text-sm text-slate-500">No item has this field yet.</p>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-600">
            {model ? (
              <>The model, on {basis === "blind" ? "blind gold only (free of anchoring)" : "all gold (assisted reviews may lean toward the model)"}. </>
            ) : null}
            <Multiplicity report={model ?? report.people} />
          </p>
          <div className="overflow-x-auto">
            <Table>
              <THead>
                <Tr>
                  <Th>Slice</Th>
                  <Th>
                    <Term help="The model's answer equals gold; the bar's shaded part is the 95% Wilson interval, the line the rest of the project.">
                      Model accuracy
                    </Term>
                  </Th>
                  <Th>
                    <Term help="Of the slice's items that two or more people reviewed, the share on which every answer was the same.">People agree</Term>
                  </Th>
                  <Th>
                    <Term help="The slice's share of the project's items, against its share of the blind slice (with the 95% interval): the blind measurement represents the data when they match.">
                      Project · blind
                    </Term>
                  </Th>
                </Tr>
              </THead>
              <TBody>
                {report.makeUp.rows.map((row) => {
                  const m = model?.slices.find((s) => s.key === row.key);
                  const p = report.people.slices.find((s) => s.key === row.key);
                  return (
                    <Tr key={row.key} data-testid="slice-row" data-worse={m?.worse ? "true" : undefined}>
                      <Td className="max-w-48 break-words">{row.label}</Td>
                      <Td>{m ? <RateBar slice={m} /> : "—"}</Td>
                      <Td>{p?.n ? <RateBar slice={p} /> : <span className="text-slate-500">none reviewed twice</span>}</Td>
                      <Td className="whitespace-nowrap">
                        {pct(row.share, 0)} · {row.blindShare === null ? "—" : pct(row.blindShare, 0)}
                        {row.blindInterval && (row.share < row.blindInterval.low || row.share > row.blindInterval.high) && (
                          <span className="ml-1 text-amber-700" title="The project's share is outside the blind slice's interval">
                            ≠
                          </span>
                        )}
                      </Td>
                    </Tr>
                  );
                })}
              </TBody>
            </Table>
          </div>
          <MakeUp report={report.makeUp} />
        </>
      )}
    </Card>
  );
}

function Multiplicity({ report }: { report: SliceReport }) {
  const worse = report.slices.filter((s) => s.worse).length;
  if (report.tested === 0)
    return <>No slice has {report.minN} items yet on both sides, so none is tested against the rest: the intervals below are all there is to go on.</>;
  return (
    <>
      {report.tested} slices were compared with the rest of the project at once, so each flag is corrected for that (Holm): in each column, the chance that any{" "}
      <span className="font-medium text-red-700">worse</span> flag is false is at most {pct(report.alpha, 0)}. Slices under {report.minN} items are shown, not
      tested.{" "}
      {worse === 0 && report.detectableGap !== null && (
        <strong className="font-medium">
          Nothing is flagged; with these counts a slice would have to be about {Math.round(report.detectableGap * 100)} points worse than the rest to be found 8
          times in 10.
        </strong>
      )}
      <Help>
        Each slice is tested against every other item together (one-sided Fisher exact test, mid-p). Holm&apos;s method then raises each p-value for the number
        of slices compared.
      </Help>
    </>
  );
}

/** A rate with its interval on a 0-100% track, the rest's rate as a tick, and the slice's size. */
function RateBar({ slice }: { slice: SliceTest }) {
  const at = (x: number) => `${(x * 100).toFixed(1)}%`;
  const interval: Interval | null = slice.interval;
  return (
    <div className="flex items-center gap-2 sm:min-w-44">
      <div className="relative hidden h-3 w-24 shrink-0 rounded bg-slate-100 sm:block" aria-hidden>
        {interval && (
          <div
            className={`absolute inset-y-0 rounded ${slice.worse ? "bg-red-200" : "bg-indigo-200"}`}
            style={{ left: at(interval.low), width: at(interval.high - interval.low) }}
          />
        )}
        {slice.rate !== null && <div className={`absolute inset-y-0 w-1 ${slice.worse ? "bg-red-700" : "bg-indigo-700"}`} style={{ left: at(slice.rate) }} />}
        {slice.rest.rate !== null && <div className="absolute -inset-y-0.5 w-px bg-slate-600" style={{ left: at(slice.rest.rate) }} />}
      </div>
      <span className="text-sm whitespace-nowrap">
        {pct(slice.rate, 0)} <span className="text-slate-500">of {slice.n.toLocaleString()}</span>
        {slice.worse && <span className="ml-1 rounded bg-red-100 px-1 text-xs font-medium text-red-800">worse</span>}
      </span>
    </div>
  );
}

function MakeUp({ report }: { report: { p: number | null; blindItems: number; df: number | null } }) {
  if (!report.blindItems)
    return <p className="mt-3 text-sm text-slate-500">No blind gold yet: turn on a blind slice in Settings to see whether it represents the data.</p>;
  if (report.p === null)
    return <p className="mt-3 text-sm text-slate-500">Too few blind items ({report.blindItems}) to compare their make-up with the project&apos;s.</p>;
  const differs = report.p < 0.05;
  return (
    <p className={`mt-3 text-sm ${differs ? "text-amber-800" : "text-slate-600"}`} data-testid="blind-make-up">
      {differs
        ? `The blind slice's make-up on this field differs from the project's (chi-square p = ${report.p.toPrecision(2)}, ${report.blindItems.toLocaleString()} blind items): its figures may not represent every part of the data.`
        : `The blind slice's make-up on this field is consistent with the project's (chi-square p = ${report.p.toPrecision(2)}, ${report.blindItems.toLocaleString()} blind items).`}
    </p>
  );
}
