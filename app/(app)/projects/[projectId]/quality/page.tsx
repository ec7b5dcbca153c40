import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { requirePageProjectAccess } from "@/lib/auth/page-access";
import { getProject } from "@/lib/projects/queries";
import { projectMetrics } from "@/lib/metrics/queries";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/button";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { ReliabilityChart } from "@/components/charts/reliability-chart";
import { LabelF1Chart } from "@/components/charts/label-f1-chart";
import { SliceSummary } from "@/components/metrics/slice-summary";
import { ConfusionMatrix } from "@/components/metrics/confusion-matrix";
import { EXPLAIN, num, pct, usd } from "@/components/metrics/format";
import { Help, Term } from "@/components/ui/help";
import { qualityHeadline } from "@/lib/metrics/headline";
import { LEARNER_MODEL, versionLabel } from "@/lib/prompts/versions";
import { auditSummary, type AutoAcceptCertificate } from "@/lib/gold/auto-accept";
import { latestApply } from "@/lib/gold/apply-job";
import { AutoAcceptCard } from "./_components/auto-accept-card";
import { LearnerCard } from "./_components/learner-card";
import { learnerStatus } from "@/lib/learner/service";
import { ProjectHeader } from "../_components/project-header";
import { ReferenceCard } from "./_components/reference-card";
import { referenceAgreement } from "@/lib/metrics/reference";
import { SynthesisCard } from "./_components/synthesis-card";
import { PairwiseCard } from "./_components/pairwise-card";
import { RatingCard } from "./_components/rating-card";
import { SlicesCard } from "./_components/slices-card";
import { GroundingCard } from "./_components/grounding-card";
import { pairwiseQuality } from "@/lib/pairwise/metrics";
import { synthesisStats } from "@/lib/synthesis/stats";
import { taskTypeDef } from "@/lib/task-types";

export const metadata: Metadata = { title: "Quality" };
export const dynamic = "force-dynamic";

/** Leave-one-out agreement over every annotator, weighted by their decisions on shared items. */
function peopleAgreement(annotators: { sharedItems: number; othersAgreement: number | null }[]) {
  const decisions = annotators.reduce((sum, a) => sum + a.sharedItems, 0);
  const agreed = annotators.reduce((sum, a) => sum + (a.othersAgreement ?? 0) * a.sharedItems, 0);
  return { decisions, agreement: decisions ? agreed / decisions : null };
}

export default async function QualityPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ version?: string; by?: string; on?: string }>;
}) {
  const { projectId } = await params;
  const { version, by, on } = await searchParams;
  const { access } = await requirePageProjectAccess(projectId, "LEAD");
  const [project, m, learner, audit, apply] = await Promise.all([
    getProject(access),
    projectMetrics(access, version),
    learnerStatus(access),
    auditSummary(access),
    latestApply(projectId),
  ]);
  const [reference, synthesis, pairwise] = await Promise.all([
    referenceAgreement(projectId, project.taskType),
    synthesisStats(projectId, project.taskType),
    taskTypeDef(project.taskType).capabilities.pairwiseJudge ? pairwiseQuality(access, m.version?.id ?? null) : Promise.resolve(null),
  ]);
  const all = m.slices?.all;
  // The model's per-label F1, to point at thin labels (not a stand-in's: imported predictions, intended labels).
  const modelF1 = m.version && m.version.external === null ? Object.fromEntries((all?.perLabel ?? []).map((l) => [l.label, l.f1])) : {};
  const extraCards = (
    <>
      {pairwise && <PairwiseCard q={pairwise} />}
      {reference && <ReferenceCard agreement={reference} />}
      {synthesis && <SynthesisCard projectId={projectId} {...synthesis} f1={modelF1} />}
    </>
  );
  const subject = m.version
    ? m.version.external !== null || m.version.modelId === LEARNER_MODEL
      ? versionLabel(m.version).split(" · ").slice(0, 2).join(" · ")
      : `Claude (${m.version.modelId}), prompt v${m.version.number}`
    : undefined;
  const headline =
    m.slices &&
    m.goldNeeded &&
    qualityHeadline({ blind: m.slices.blind, assisted: m.slices.assisted, blindNeeded: m.goldNeeded.blind, blindShare: m.blindShare, subject });
  const itemsHref = (gold: string, suggested: string) =>
    `/projects/${projectId}/items?${new URLSearchParams({ goldLabel: gold, suggested, version: String(m.version!.number) })}`;
  return (
    <>
      <ProjectHeader project={project} role={access.role} current="quality" />
      {!m.version || !all ? (
        <>
          <EmptyState title="No model labels to measure yet">
            Run a prompt on the{" "}
            <Link className="text-indigo-700 underline" href={`/projects/${projectId}/runs`}>
              Pre-labeling
            </Link>{" "}
            tab, then review items: their gold labels are what the model is measured against.
          </EmptyState>
          <div className="mt-6 space-y-6">{extraCards}</div>
        </>
      ) : (
        <div className="space-y-6">
          <form className="flex flex-wrap items-end gap-3" method="get">
            <label className="max-w-full min-w-0 text-sm">
              <span className="block text-slate-600">Prompt version</span>
              <select name="version" defaultValue={m.version.id} className="mt-1 max-w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm">
                {m.versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {versionLabel(v)}
                  </option>
                ))}
              </select>
            </label>
            <button className={buttonClass("secondary", "sm")}>Show</button>
            {m.versions.length > 1 && (
              <Link className={buttonClass("secondary", "sm")} href={`/projects/${projectId}/quality/compare`}>
                Compare two versions
              </Link>
            )}
            <p className="text-sm text-slate-500">
              {m.gold.gold.toLocaleString()} gold items, {m.gold.blind.toLocaleString()} of them reviewed blind
              {m.autoAccepted ? `; ${m.autoAccepted.toLocaleString()} auto-accepted labels are not counted as gold here` : ""}
              {m.gold.synthetic ? `; ${m.gold.synthetic.toLocaleString()} synthetic items' gold is not counted (figures are measured on real items)` : ""}.
            </p>
          </form>

          {headline && (
            <section
              aria-label="Summary"
              data-testid="quality-headline"
              className="rounded-lg border border-indigo-200 bg-indigo-50 p-4 text-sm text-slate-800"
            >
              <p className="font-medium">{headline.sentences.join(" ")}</p>
              <p className="mt-1 text-slate-600">{headline.next}</p>
            </section>
          )}

          {all.n === 0 && (
            <EmptyState title="No gold items with a suggestion from this version">
              Review items on the Review tab (or run this version on the gold set from Pre-labeling) to measure it.
            </EmptyState>
          )}

          <AutoAcceptCard
            projectId={projectId}
            certificate={project.autoAcceptCertificate as AutoAcceptCertificate | null}
            budget={project.errorBudget}
            on={project.autoAccept}
            pausedReason={project.autoAcceptPauseReason}
            autoAccepted={m.autoAccepted}
            secondsPerItem={medianOf(m.annotators.map((a) => a.medianSeconds))}
            audit={audit}
            apply={apply}
          />

          <LearnerCard projectId={projectId} taskType={project.taskType} latest={learner.latest} ready={learner.ready} people={peopleAgreement(m.annotators)} />

          {extraCards}

          <div className="grid gap-4 md:grid-cols-3">
            <SliceSummary title="All" hint="Every gold item this version labeled." m={all} needed={m.goldNeeded!.all} />
            <SliceSummary title="Blind" hint={EXPLAIN.blind} m={m.slices!.blind} needed={m.goldNeeded!.blind} />
            <SliceSummary title="Assisted" hint={EXPLAIN.assisted} m={m.slices!.assisted} needed={m.goldNeeded!.assisted} />
          </div>

          {m.grounding && <GroundingCard g={m.grounding} />}

          <Suspense fallback={<Card title="Quality by slice">Counting the slices…</Card>}>
            <SlicesCard access={access} field={by} on={on} versionId={m.version.id} />
          </Suspense>

          {all.rating && (
            <RatingCard
              rows={m.slices!.blind.n ? m.slices!.blind.rating! : all.rating}
              slice={m.slices!.blind.n ? "blind" : "all"}
              n={m.slices!.blind.n || all.n}
              people={m.peopleByCriterion}
            />
          )}

          <div className={all.rating ? "hidden" : "grid gap-6 lg:grid-cols-2"}>
            {all.confusion && (
              <Card title="Confusion matrix">
                <ConfusionMatrix confusion={all.confusion} itemsHref={itemsHref} />
              </Card>
            )}
            <Card title={all.spans ? "Per label (exact spans)" : "Per label"}>
              <LabelF1Chart rows={all.perLabel} />
              <Table>
                <THead>
                  <Tr>
                    <Th>Label</Th>
                    <Th>Precision</Th>
                    <Th>Recall</Th>
                    <Th>F1</Th>
                    <Th>Support</Th>
                    {all.spans && (
                      <Th>
                        <Term help="Counting a predicted span right when it overlaps a gold span of the same label.">Overlap F1</Term>
                      </Th>
                    )}
                  </Tr>
                </THead>
                <TBody>
                  {all.perLabel.map((l, i) => (
                    <Tr key={l.label}>
                      <Td>{l.label}</Td>
                      <Td>{pct(l.precision)}</Td>
                      <Td>{pct(l.recall)}</Td>
                      <Td>{pct(l.f1)}</Td>
                      <Td>{l.support}</Td>
                      {all.spans && <Td>{pct(all.spans.overlap[i]?.f1)}</Td>}
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </Card>
          </div>

          <Card title="Calibration">
            <p className="mb-2 text-sm text-slate-600">
              <Term help={EXPLAIN.ece}>Expected calibration error</Term>: <strong>{num(all.calibration.ece)}</strong>. Bars are the share right in each
              confidence bin; the line is the model&apos;s mean confidence there.
            </p>
            {all.calibration.bins.length ? (
              <ReliabilityChart bins={all.calibration.bins} />
            ) : (
              <p className="text-sm text-slate-500">No confidences recorded.</p>
            )}
            <h3 className="mt-4 flex items-center text-sm font-semibold">
              Accepted without review above a confidence
              <Help>{EXPLAIN.threshold} Measured on every gold item, including the assisted ones, so it can flatter the model.</Help>
            </h3>
            <Table>
              <THead>
                <Tr>
                  <Th>Confidence ≥</Th>
                  <Th>Items covered</Th>
                  <Th>Accuracy there</Th>
                </Tr>
              </THead>
              <TBody>
                {all.calibration.thresholds
                  .filter((t) => (t.threshold >= 0.5 && Math.round(t.threshold * 100) % 10 === 0) || t.threshold === 0.95)
                  .map((t) => (
                    <Tr key={t.threshold}>
                      <Td>{pct(t.threshold, 0)}</Td>
                      <Td>
                        {t.covered.toLocaleString()} ({pct(t.coverage, 0)})
                      </Td>
                      <Td>{pct(t.accuracy)}</Td>
                    </Tr>
                  ))}
              </TBody>
            </Table>
          </Card>

          <div className="grid gap-6 lg:grid-cols-2">
            <Card title="Acceptance by suggested label">
              <Table>
                <THead>
                  <Tr>
                    <Th>Label</Th>
                    <Th>Accepted</Th>
                    <Th>Corrected</Th>
                    <Th>
                      <Term help={EXPLAIN.acceptance}>Rate</Term>
                    </Th>
                  </Tr>
                </THead>
                <TBody>
                  {!m.acceptance.length && (
                    <Tr>
                      <Td colSpan={4} className="text-slate-500">
                        No reviewer has accepted or corrected this version&apos;s suggestions yet.
                      </Td>
                    </Tr>
                  )}
                  {m.acceptance.map((a) => (
                    <Tr key={a.label}>
                      <Td>{a.label}</Td>
                      <Td>{a.accepted}</Td>
                      <Td>{a.corrected}</Td>
                      <Td>{pct(a.rate)}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </Card>
            <Card title="Cost">
              <dl className="grid grid-cols-2 gap-2 text-sm">
                <dt className="text-slate-500">Items labeled</dt>
                <dd>{m.cost?.items.toLocaleString()}</dd>
                <dt className="text-slate-500">Spent</dt>
                <dd>{usd(m.cost?.usd)}</dd>
                <dt className="text-slate-500">Per item</dt>
                <dd>
                  {usd(m.cost?.usdPerItem)} · {Math.round(m.cost?.tokensPerItem ?? 0)} tokens
                </dd>
                <dt className="text-slate-500">
                  <Term help="Dollars spent by this version divided by the suggestions reviewers accepted unchanged.">Per accepted label</Term>
                </dt>
                <dd>{usd(m.cost?.usdPerAcceptedLabel)}</dd>
              </dl>
            </Card>
          </div>

          <Card title="Annotators">
            <p className="mb-2 text-sm text-slate-600">
              <Term help={EXPLAIN.alpha}>Agreement among annotators (Krippendorff&apos;s alpha)</Term>: <strong>{num(m.agreement.alpha)}</strong> over{" "}
              {m.agreement.items.toLocaleString()} items reviewed more than once.
            </p>
            {m.agreement.items === 0 && (
              <p className="mb-2 text-sm text-slate-500">
                Agreement needs items reviewed by two or more people: raise <em>reviewers per item</em> in{" "}
                <Link className="text-indigo-700 underline" href={`/projects/${projectId}/settings`}>
                  Settings
                </Link>
                .
              </p>
            )}
            <Table>
              <THead>
                <Tr>
                  <Th>Annotator</Th>
                  <Th>Decisions</Th>
                  <Th>
                    <Term help="On items reviewed by two or more people: how often their answer equals each other reviewer's. Gold is made from their own answers, so comparing them with it would flatter everyone.">
                      Agreement with the others
                    </Term>
                  </Th>
                  <Th>
                    <Term help={EXPLAIN.throughput}>Items / hour</Term>
                  </Th>
                  <Th>Median seconds</Th>
                </Tr>
              </THead>
              <TBody>
                {m.annotators.map((a) => (
                  <Tr key={a.annotatorId}>
                    <Td>{a.name}</Td>
                    <Td>{a.decisions}</Td>
                    <Td>{a.othersAgreement === null ? "—" : `${pct(a.othersAgreement)} on ${a.sharedItems.toLocaleString()} items`}</Td>
                    <Td>{a.itemsPerHour === null ? "—" : Math.round(a.itemsPerHour)}</Td>
                    <Td>{num(a.medianSeconds, 1)}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </Card>
        </div>
      )}
    </>
  );
}

/** The median of the annotators' median seconds per item (null without any). */
function medianOf(xs: (number | null)[]): number | null {
  const v = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : null;
}
