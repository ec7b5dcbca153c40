import type { Metadata } from "next";
import { requirePageProjectAccess } from "@/lib/auth/page-access";
import { getProject } from "@/lib/projects/queries";
import { listAdjudications } from "@/lib/reviews/adjudicate";
import { listAuditEvents } from "@/lib/reviews/audit";
import { describeValue } from "@/lib/llm/output-schema";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { ProjectHeader } from "../_components/project-header";
import { RulingButtons } from "./_components/ruling-buttons";

export const metadata: Metadata = { title: "Adjudication" };
export const dynamic = "force-dynamic";


export default async function AdjudicationPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { access } = await requirePageProjectAccess(projectId, "LEAD");
  const [project, queue, log] = await Promise.all([getProject(access), listAdjudications(access), listAuditEvents(access)]);
  return (
    <>
      <ProjectHeader project={project} role={access.role} current="adjudication" />
      <div className="space-y-6">
        <Card title={`Disagreements (${queue.length})`}>
          {queue.length === 0 ? (
            <EmptyState title="No disagreements">When reviewers of the same item disagree, the item waits here for your ruling.</EmptyState>
          ) : (
            <ul className="space-y-4">
              {queue.map((item) => (
                <li key={item.id} className="rounded-md border border-slate-200 p-4" data-testid="adjudication-item">
                  <p className="font-mono text-xs text-slate-500">{item.externalId}</p>
                  <p className="mt-1 line-clamp-4 text-sm whitespace-pre-wrap">{item.text}</p>
                  <div className="mt-3 grid gap-2 sm:grid-cols-2">
                    {item.decisions.map((d, i) => (
                      <div key={i} className="rounded bg-slate-50 p-2 text-sm">
                        <span className="text-slate-500">{d.annotatorName}{d.blind ? " (blind)" : ""}:</span> <strong>{describeValue(d.value)}</strong>
                      </div>
                    ))}
                  </div>
                  <RulingButtons
                    projectId={projectId}
                    itemId={item.id}
                    options={[
                      ...new Map(
                        [...item.decisions.map((d) => d.value), ...(project.taskType === "SINGLE_LABEL" ? project.labels.map((l) => ({ label: l.name })) : [])].map((v) => [JSON.stringify(v), v]),
                      ).values(),
                    ].map((v) => ({ value: v, text: describeValue(v) }))}
                  />
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Audit log">
          {log.length === 0 ? (
            <p className="text-sm text-slate-500">No decisions yet.</p>
          ) : (
            <Table aria-label="Audit log">
              <THead>
                <tr>
                  <Th>When</Th>
                  <Th>Who</Th>
                  <Th>What</Th>
                  <Th>Item</Th>
                  <Th>Details</Th>
                </tr>
              </THead>
              <TBody>
                {log.map((e) => (
                  <Tr key={e.id}>
                    <Td className="whitespace-nowrap text-xs">{e.createdAt.toISOString().slice(0, 19).replace("T", " ")}</Td>
                    <Td>{e.actorName}</Td>
                    <Td>{e.kind}</Td>
                    <Td className="font-mono text-xs">{e.itemId ?? ""}</Td>
                    <Td className="max-w-md truncate font-mono text-xs">{JSON.stringify(e.data)}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
