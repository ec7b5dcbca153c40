import type { Metadata } from "next";
import Link from "next/link";
import { requirePageProjectAccess } from "@/lib/auth/page-access";
import { getProject } from "@/lib/projects/queries";
import { listAdjudications, recentRulings } from "@/lib/gold/adjudicate";
import { listAuditEvents } from "@/lib/audit/read";
import { describeValue } from "@/lib/values/value";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { ProjectHeader } from "../_components/project-header";
import { AdjudicationWorkspace } from "./_components/adjudication-workspace";

export const metadata: Metadata = { title: "Adjudication" };
export const dynamic = "force-dynamic";

const when = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");

export default async function AdjudicationPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { access } = await requirePageProjectAccess(projectId, "LEAD");
  const [project, queue, rulings, log] = await Promise.all([
    getProject(access),
    listAdjudications(access),
    recentRulings(access),
    listAuditEvents(access, { take: 50 }),
  ]);
  const itemLink = (id: number | null, text: string | null) =>
    id === null ? (
      ""
    ) : (
      <Link href={`/projects/${projectId}/items/${id}`} className="font-mono text-xs text-indigo-700 underline">
        {text}
      </Link>
    );
  return (
    <>
      <ProjectHeader project={project} role={access.role} current="adjudication" />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title={`Disagreements (${queue.length}${queue.length === 50 ? "+" : ""})`} className="lg:col-span-2">
          <AdjudicationWorkspace
            projectId={projectId}
            taskType={project.taskType}
            labels={project.labels.map((l) => l.name)}
            items={queue.map((i) => ({
              id: i.id,
              externalId: i.externalId,
              text: i.text,
              pair: i.pair ? { a: i.pair.responseA, b: i.pair.responseB } : null,
              image: i.image,
              decisions: i.decisions,
              suggestion: i.suggestion,
            }))}
          />
        </Card>
        <Card title="Resolved">
          {rulings.length === 0 ? (
            <p className="text-sm text-slate-500">Rulings appear here, newest first.</p>
          ) : (
            <ul className="space-y-2 text-sm" data-testid="resolved">
              {rulings.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center gap-2">
                  {itemLink(r.itemId, r.externalId)}
                  <strong>{describeValue(r.value)}</strong>
                  {!r.standing && <Badge tone="amber">changed since</Badge>}
                  <span className="w-full text-xs text-slate-500">
                    {r.by}, {when(r.at)}
                    {r.note && <> · “{r.note}”</>}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <Card title="Audit log" className="mt-6">
        {log.length === 0 ? (
          <p className="text-sm text-slate-500">Decisions, rulings and label changes are recorded here.</p>
        ) : (
          <Table aria-label="Audit log">
            <THead>
              <tr>
                <Th>When</Th>
                <Th>Who</Th>
                <Th>Item</Th>
                <Th>What</Th>
              </tr>
            </THead>
            <TBody>
              {log.map((e) => (
                <Tr key={e.id}>
                  <Td className="text-xs whitespace-nowrap">{when(e.createdAt)}</Td>
                  <Td>{e.actorName}</Td>
                  <Td>{itemLink(e.itemId, e.itemExternalId)}</Td>
                  <Td>{e.summary}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
