import type { Metadata } from "next";
import { requirePageProjectAccess } from "@/lib/auth/page-access";
import { getProject, listMembers } from "@/lib/projects/queries";
import { listProjectInvitations } from "@/lib/invitations/queries";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { ProjectHeader } from "../_components/project-header";
import { InviteForm } from "./_components/invite-form";
import { MemberActions } from "./_components/member-actions";
import { WorkloadCard } from "./_components/workload-card";
import { workload } from "@/lib/reviews/care";
import { startOfToday } from "@/lib/reviews/claim-next";

export const metadata: Metadata = { title: "Members" };
export const dynamic = "force-dynamic";

export default async function MembersPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { user, access } = await requirePageProjectAccess(projectId, "LEAD");
  const [project, members, invitations, load] = await Promise.all([
    getProject(access),
    listMembers(access),
    listProjectInvitations(access),
    workload(access, startOfToday()),
  ]);
  const now = new Date();
  return (
    <>
      <ProjectHeader project={project} role={access.role} current="members" />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
        <div className="min-w-0 space-y-6 lg:col-span-3">
          <Table aria-label="Members">
            <THead>
              <tr>
                <Th>Name</Th>
                <Th>Email</Th>
                <Th>Role</Th>
                <Th className="w-40">
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </THead>
            <TBody>
              {members.map((m) => (
                <Tr key={m.userId}>
                  <Td>
                    {m.user.name}
                    {m.userId === user.id && <span className="ml-1 text-xs text-slate-500">(you)</span>}
                  </Td>
                  <Td className="text-slate-600">{m.user.email}</Td>
                  <Td>
                    <Badge tone={m.role === "LEAD" ? "indigo" : "slate"}>{m.role === "LEAD" ? "Lead" : "Annotator"}</Badge>
                  </Td>
                  <Td>
                    <MemberActions projectId={projectId} memberId={m.userId} role={m.role} name={m.user.name} />
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
          <WorkloadCard rows={load} dailyCap={access.project.dailyCap} />
          {invitations.length > 0 && (
            <Card title="Invitations">
              <ul className="divide-y divide-slate-100 text-sm">
                {invitations.map((i) => (
                  <li key={i.id} className="flex justify-between gap-2 py-2">
                    <span>
                      {i.email} · {i.role === "LEAD" ? "lead" : "annotator"}
                    </span>
                    <span className="text-slate-500">
                      {i.usedAt ? "accepted" : i.expiresAt < now ? "expired" : `expires ${i.expiresAt.toISOString().slice(0, 10)}`}
                    </span>
                  </li>
                ))}
              </ul>
            </Card>
          )}
        </div>
        <Card title="Invite someone" className="lg:col-span-2">
          <InviteForm projectId={projectId} />
        </Card>
      </div>
    </>
  );
}
