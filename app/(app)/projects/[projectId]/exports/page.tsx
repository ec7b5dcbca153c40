import type { Metadata } from "next";
import { requirePageProjectAccess } from "@/lib/auth/page-access";
import { getProject } from "@/lib/projects/queries";
import { getDb } from "@/lib/db";
import { ProjectHeader } from "../_components/project-header";
import { listExports } from "@/lib/exports/exports";
import { ExportPanel } from "./_components/export-panel";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Export" };
export const dynamic = "force-dynamic";

export default async function ExportsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { access } = await requirePageProjectAccess(projectId, "LEAD");
  const project = await getProject(access);
  const db = await getDb();
  const versions = await db.promptVersion.findMany({ where: { projectId }, orderBy: { number: "desc" }, select: { id: true, number: true } });
  return (
    <>
      <ProjectHeader project={project} role={access.role} current="exports" />
      <ExportPanel projectId={projectId} versions={versions} initial={JSON.parse(JSON.stringify(await listExports(access)))} retentionDays={env().jobs.retentionDays} />
    </>
  );
}
