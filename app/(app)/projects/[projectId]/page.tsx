import type { Metadata } from "next";
import { requirePageProjectAccess } from "@/lib/auth/page-access";
import { getProject } from "@/lib/projects/queries";
import { taskTypeDef } from "@/lib/task-types";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { GuidelinesView } from "@/components/projects/guidelines-view";
import { ProjectHeader } from "./_components/project-header";
import { NextStep } from "./_components/next-step";

export const metadata: Metadata = { title: "Project" };
export const dynamic = "force-dynamic";

export default async function ProjectOverviewPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { access } = await requirePageProjectAccess(projectId);
  const project = await getProject(access);
  const lead = access.role === "LEAD";
  const stats = [
    ["Items", project.counts.total],
    ["Pre-labeled", project.counts.prelabeled],
    ["Reviewed", project.counts.reviewed],
  ] as const;
  return (
    <>
      <ProjectHeader project={project} role={access.role} current="overview" />
      {project.counts.total === 0 && (
        <div className="mb-6">
          {lead ? (
            <EmptyState title="No items yet" actions={<ButtonLink href={`/projects/${projectId}/imports`}>Import items</ButtonLink>}>
              Import a CSV, JSONL or JSON file with the texts to label. Then invite annotators from the Members tab.
            </EmptyState>
          ) : (
            <EmptyState title="Nothing to review yet">The project lead has not imported any items yet.</EmptyState>
          )}
        </div>
      )}
      {project.counts.total > 0 && <NextStep projectId={projectId} counts={project.counts} lead={lead} />}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <dl className="grid grid-cols-3 gap-4">
            {stats.map(([label, n]) => (
              <div key={label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <dt className="text-sm text-slate-500">{label}</dt>
                <dd className="mt-1 text-2xl font-semibold tabular-nums">{n.toLocaleString("en-US")}</dd>
              </div>
            ))}
          </dl>
          <Card title="Guidelines">
            <GuidelinesView markdown={project.guidelines} />
          </Card>
        </div>
        <Card title="Labels">
          <p className="mb-3 text-xs text-slate-500">{taskTypeDef(project.taskType).title}</p>
          <ul className="space-y-2">
            {project.labels.map((l) => (
              <li key={l.id} className="flex items-start gap-2 text-sm">
                <span className="mt-1 h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: l.color }} aria-hidden />
                <div className="min-w-0 flex-1">
                  <div className="font-medium">{l.name}</div>
                  {l.description && <div className="text-xs text-slate-500">{l.description}</div>}
                </div>
                {l.hotkey && <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs">{l.hotkey}</kbd>}
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
