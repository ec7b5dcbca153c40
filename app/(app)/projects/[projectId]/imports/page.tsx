import type { Metadata } from "next";
import { requirePageProjectAccess } from "@/lib/auth/page-access";
import { env } from "@/lib/env";
import { getProject } from "@/lib/projects/queries";
import { listImports } from "@/lib/imports/queries";
import { formatBytes } from "@/lib/imports/storage";
import { Card } from "@/components/ui/card";
import { ProjectHeader } from "../_components/project-header";
import { UploadForm } from "./_components/upload-form";
import { ZipUploadForm } from "./_components/zip-upload-form";
import { ImportList } from "./_components/import-list";
import { taskTypeDef } from "@/lib/task-types";

export const metadata: Metadata = { title: "Import" };
export const dynamic = "force-dynamic";

export default async function ImportsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { access } = await requirePageProjectAccess(projectId, "LEAD");
  const [project, imports] = await Promise.all([getProject(access), listImports(access)]);
  const limits = env().import;
  // Serializable for the client component.
  const initial = imports.map((i) => ({
    ...i,
    createdAt: i.createdAt.toISOString(),
    startedAt: i.startedAt?.toISOString() ?? null,
    finishedAt: i.finishedAt?.toISOString() ?? null,
  }));
  return (
    <>
      <ProjectHeader project={project} role={access.role} current="imports" />
      <div className="grid gap-6 lg:grid-cols-5">
        <Card title="Import items" className="lg:col-span-2">
          {taskTypeDef(project.taskType).content === "image" ? (
            <ZipUploadForm projectId={projectId} maxFileBytes={limits.maxFileBytes} />
          ) : (
            <UploadForm projectId={projectId} maxFileBytes={limits.maxFileBytes} pairwise={taskTypeDef(project.taskType).content === "pair"} />
          )}
          <div className="mt-5 space-y-1 border-t border-slate-100 pt-4 text-xs text-slate-500">
            <p>
              Files up to <strong>{formatBytes(limits.maxFileBytes)}</strong>; each item&apos;s text up to{" "}
              <strong>{limits.maxTextChars.toLocaleString("en-US")} characters</strong>.
            </p>
            <p>CSV needs a header row. JSONL has one object per line; JSON is an array of objects. Other fields are kept as metadata.</p>
            <p>Importing the same file again adds nothing: rows are matched by their id (or, without an id column, by their content).</p>
          </div>
        </Card>
        <div className="lg:col-span-3">
          <ImportList projectId={projectId} initial={initial} />
        </div>
      </div>
    </>
  );
}
