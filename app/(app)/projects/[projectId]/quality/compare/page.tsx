import type { Metadata } from "next";
import Link from "next/link";
import { requirePageProjectAccess } from "@/lib/auth/page-access";
import { getProject } from "@/lib/projects/queries";
import { compareVersions } from "@/lib/metrics/compare";
import { byItemsLabeled, versionLabel, versionSummaries } from "@/lib/prompts/versions";
import { describeValue } from "@/lib/values/value";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/button";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { pct } from "@/components/metrics/format";
import { ProjectHeader } from "../../_components/project-header";

export const metadata: Metadata = { title: "Compare prompt versions" };
export const dynamic = "force-dynamic";

export default async function ComparePage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ base?: string; candidate?: string }>;
}) {
  const { projectId } = await params;
  const asked = await searchParams;
  const { access } = await requirePageProjectAccess(projectId, "LEAD");
  const project = await getProject(access);
  const versions = await versionSummaries(projectId);
  // By default the two versions that labeled the most items: the likeliest to share gold.
  const [most, next] = byItemsLabeled(versions);
  // What the selects show is what is compared: the page opens on the default pair, not on a prompt to pick.
  const base = asked.base ?? next?.id ?? versions[1]?.id;
  const candidate = asked.candidate ?? most?.id ?? versions[0]?.id;
  const c = base && candidate && base !== candidate ? await compareVersions(access, base, candidate) : null;
  const select = (name: string, value?: string) => (
    <select name={name} defaultValue={value} className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm">
      {versions.map((v) => (
        <option key={v.id} value={v.id}>
          {versionLabel(v)}
        </option>
      ))}
    </select>
  );
  const rows = c
    ? ([
        ["Accuracy", c.baseMetrics.all.accuracy, c.candidateMetrics.all.accuracy],
        ["Macro F1", c.baseMetrics.all.macroF1, c.candidateMetrics.all.macroF1],
        ["Micro F1", c.baseMetrics.all.microF1, c.candidateMetrics.all.microF1],
        ["Blind accuracy", c.baseMetrics.blind.accuracy, c.candidateMetrics.blind.accuracy],
        ["Calibration error", c.baseMetrics.all.calibration.ece, c.candidateMetrics.all.calibration.ece],
        ...c.baseMetrics.all.perLabel.map((l, i) => [`F1 ${l.label}`, l.f1, c.candidateMetrics.all.perLabel[i]?.f1] as const),
      ] as const)
    : [];
  return (
    <>
      <ProjectHeader project={project} role={access.role} current="quality" />
      <div className="space-y-6">
        <form method="get" className="flex flex-wrap items-end gap-3">
          <label className="text-sm">
            <span className="block text-slate-600">Base</span>
            {select("base", base)}
          </label>
          <label className="text-sm">
            <span className="block text-slate-600">Candidate</span>
            {select("candidate", candidate)}
          </label>
          <button className={buttonClass("secondary", "sm")}>Compare</button>
          <p className="text-sm text-slate-500">
            Both versions are measured on the gold items both labeled. To label the gold set with a new version, start a run with “gold items only” on{" "}
            <Link className="text-indigo-700 underline" href={`/projects/${projectId}/runs`}>
              Pre-labeling
            </Link>
            .
          </p>
        </form>
        {!c ? (
          <EmptyState title={versions.length < 2 ? "Only one prompt version so far" : "Pick two different versions"}>
            {versions.length < 2
              ? "Save another version on Pre-labeling and run it on the gold items; the two then appear side by side, with the difference and whether it is more than chance."
              : "Their figures appear side by side, with the difference and whether it is more than chance."}
          </EmptyState>
        ) : (
          <>
            <Card title={`v${c.base.number} vs v${c.candidate.number} on ${c.paired.n.toLocaleString()} gold items`}>
              {c.accuracyDifference && (
                <p className="mb-3 text-sm" data-testid="accuracy-difference">
                  Accuracy difference {pct(c.accuracyDifference.difference)} (95% interval {pct(c.accuracyDifference.interval.low)} to{" "}
                  {pct(c.accuracyDifference.interval.high)}):{" "}
                  <strong>{c.accuracyDifference.excludesZero ? "a real difference" : "not distinguishable from chance"}</strong>.
                </p>
              )}
              <Table>
                <THead>
                  <Tr>
                    <Th>Metric</Th>
                    <Th>v{c.base.number}</Th>
                    <Th>v{c.candidate.number}</Th>
                    <Th>Difference</Th>
                  </Tr>
                </THead>
                <TBody>
                  {rows.map(([name, a, b]) => (
                    <Tr key={name}>
                      <Td>{name}</Td>
                      <Td>{pct(a)}</Td>
                      <Td>{pct(b)}</Td>
                      <Td>
                        {a === null || b === null || a === undefined || b === undefined ? "—" : `${b - a >= 0 ? "+" : ""}${((b - a) * 100).toFixed(1)} pts`}
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </Card>
            <Card title="Where they disagree (first 50)">
              <Table>
                <THead>
                  <Tr>
                    <Th>Item</Th>
                    <Th>Gold</Th>
                    <Th>v{c.base.number}</Th>
                    <Th>v{c.candidate.number}</Th>
                  </Tr>
                </THead>
                <TBody>
                  {c.disagreements.map((d) => (
                    <Tr key={d.itemId}>
                      <Td>
                        <Link className="text-indigo-700 underline" href={`/projects/${projectId}/items/${d.itemId}`}>
                          {d.externalId}
                        </Link>
                        <p className="line-clamp-2 text-xs text-slate-500">{d.text}</p>
                      </Td>
                      <Td>{describeValue(d.gold)}</Td>
                      <Td>{describeValue(d.base)}</Td>
                      <Td>{describeValue(d.candidate)}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </Card>
          </>
        )}
      </div>
    </>
  );
}
