import type { Metadata } from "next";
import { requirePageProjectAccess } from "@/lib/auth/page-access";
import { getProject } from "@/lib/projects/queries";
import { getDb } from "@/lib/db";
import { ProjectHeader } from "../_components/project-header";
import { listExports } from "@/lib/exports/exports";
import { ExportPanel } from "./_components/export-panel";
import { DatasheetForm } from "./_components/datasheet-form";
import { leadTextOf } from "@/lib/exports/datasheet/lead-text";
import { env } from "@/lib/env";
import { labelingConfig } from "@/lib/label-studio/format";
import { taskTypeDef } from "@/lib/task-types";

export const metadata: Metadata = { title: "Export" };
export const dynamic = "force-dynamic";

export default async function ExportsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { access } = await requirePageProjectAccess(projectId, "LEAD");
  const project = await getProject(access);
  const db = await getDb();
  const datasheet = await db.project.findUnique({ where: { id: projectId }, select: { datasheet: true } });
  const versions = await db.promptVersion.findMany({
    where: { projectId },
    orderBy: { number: "desc" },
    select: { id: true, number: true, externalSource: true, learnerTrainingId: true },
  });
  return (
    <>
      <ProjectHeader project={project} role={access.role} current="exports" />
      <ExportPanel
        projectId={projectId}
        versions={versions}
        initial={JSON.parse(JSON.stringify(await listExports(access)))}
        retentionDays={env().jobs.retentionDays}
        pairwise={taskTypeDef(project.taskType).content === "pair"}
      />
      <details className="mt-6 rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="datasheet-details">
        <summary className="cursor-pointer font-medium text-slate-700">The datasheet: your text for every export</summary>
        <p className="mt-2 mb-4 text-slate-600">
          Every export comes with a datasheet (Markdown and JSON; in the Hugging Face card too): how many labels came from each source and how wrong each was
          measured to be, the prompt versions and their cost, the weak slices, the blind slice, the reviewers and the dates. Add what only you know.
        </p>
        <DatasheetForm projectId={projectId} text={leadTextOf(datasheet?.datasheet)} />
      </details>
      {taskTypeDef(project.taskType).content !== "pair" && (
        <details className="mt-6 rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <summary className="cursor-pointer font-medium text-slate-700">
            Moving to Label Studio: the labeling config for the “Label Studio JSON” export
          </summary>
          <p className="mt-2 text-slate-600">
            Create a Label Studio project with this config, then import the exported file: gold comes in as ground-truth annotations, suggestions as
            predictions.
          </p>
          <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-3 text-xs" data-testid="label-studio-config">
            {labelingConfig(
              project.taskType,
              project.labels.map((l) => l.name),
            )}
          </pre>
        </details>
      )}
    </>
  );
}
