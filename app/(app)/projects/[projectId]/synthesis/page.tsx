import type { Metadata } from "next";
import Link from "next/link";
import { requirePageProjectAccess } from "@/lib/auth/page-access";
import { getProject } from "@/lib/projects/queries";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { DEFAULT_MODEL, SELECTABLE_MODELS } from "@/lib/llm/models";
import { llmConfigured } from "@/lib/llm/client";
import { listSynthesisJobs } from "@/lib/synthesis/jobs";
import { synthesisStats } from "@/lib/synthesis/stats";
import { ProjectHeader } from "../_components/project-header";
import { SynthesisForm } from "./_components/synthesis-form";
import { JobList, type JobView } from "./_components/job-list";

export const metadata: Metadata = { title: "Synthesis" };
export const dynamic = "force-dynamic";

export default async function SynthesisPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { access } = await requirePageProjectAccess(projectId, "LEAD");
  const [project, jobs, stats] = await Promise.all([getProject(access), listSynthesisJobs(access), synthesisStats(projectId, access.project.taskType)]);
  const views: JobView[] = jobs.map((j) => ({ ...j, createdAt: j.createdAt.toISOString() }));
  return (
    <>
      <ProjectHeader project={project} role={access.role} current="synthesis" />
      <div className="max-w-4xl space-y-6">
        {!stats ? (
          <EmptyState title="Synthesis is for label projects">It writes texts for a label; span projects would need their spans marked too.</EmptyState>
        ) : (
          <Card title="Generate examples where the data is thin">
            <p className="mb-4 text-sm text-slate-600">
              Claude writes new texts for a label, seeded with your gold examples of it and of the labels it is most confused with. Near-duplicates of your
              items (and of each other), texts of the wrong length or language are dropped; the rest join the review queue as <strong>synthetic</strong> items
              with the label as their suggestion, for people to accept, relabel or reject. Quality measures the model on real items only; exports mark each
              row&apos;s origin.
            </p>
            {!llmConfigured() ? (
              <p role="alert" className="text-sm text-red-700">
                ANTHROPIC_API_KEY is not set on the server: synthesis cannot start.
              </p>
            ) : (
              <SynthesisForm
                projectId={projectId}
                labels={stats.labels.map((l) => ({ name: l.label, realGold: l.realGold }))}
                models={SELECTABLE_MODELS}
                defaultModel={DEFAULT_MODEL}
              />
            )}
          </Card>
        )}
        {views.length === 0 ? (
          <EmptyState title="No synthesis jobs yet">
            Pick a label with few gold examples above. Its texts then wait on the{" "}
            <Link className="text-indigo-700 underline" href={`/projects/${projectId}/review`}>
              Review
            </Link>{" "}
            tab.
          </EmptyState>
        ) : (
          <JobList projectId={projectId} jobs={views} />
        )}
      </div>
    </>
  );
}
