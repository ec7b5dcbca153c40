"use server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { runAction } from "@/lib/action-result";
import { requireUser } from "@/lib/auth/session";
import { createInvitation } from "@/lib/invitations/create-invitation";
import { changeMemberRole, removeMember } from "@/lib/projects/members";

const role = z.enum(["LEAD", "ANNOTATOR"]);

async function origin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

export async function inviteAction(projectId: string, input: { email: string; role: string }) {
  return runAction(async () => {
    const user = await requireUser();
    const inv = await createInvitation({ userId: user.id, projectId, input });
    revalidatePath(`/projects/${projectId}/members`);
    return { link: `${await origin()}/invite/${inv.token}`, email: inv.email };
  });
}

export async function changeRoleAction(projectId: string, memberId: string, newRole: string) {
  return runAction(async () => {
    const user = await requireUser();
    await changeMemberRole({ userId: user.id, projectId, memberId, role: role.parse(newRole) });
    revalidatePath(`/projects/${projectId}/members`);
  });
}

export async function removeMemberAction(projectId: string, memberId: string) {
  return runAction(async () => {
    const user = await requireUser();
    await removeMember({ userId: user.id, projectId, memberId });
    revalidatePath(`/projects/${projectId}/members`);
  });
}
