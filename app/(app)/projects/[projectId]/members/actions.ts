"use server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { projectAction } from "@/lib/auth/action";
import { createProjectInvitation, invitationSchema } from "@/lib/invitations/create-invitation";
import { changeMemberRole, memberChangeSchema, removeMember } from "@/lib/projects/members";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** The link's origin: the configured public URL, else the host the lead is using. */
async function origin(): Promise<string> {
  const configured = env().publicUrl;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const host = h.get("host") ?? "localhost:3000";
  return `${host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https"}://${host}`;
}

export const inviteAction = projectAction({ role: "LEAD", writes: true }, invitationSchema, async (access, input) => {
  const inv = await createProjectInvitation(access, input);
  revalidatePath(`/projects/${access.projectId}/members`);
  return { link: `${await origin()}/invite/${inv.token}`, email: inv.email };
});

export const changeRoleAction = projectAction({ role: "LEAD", writes: true }, memberChangeSchema, async (access, input) => {
  if (!input.role) throw new AppError("VALIDATION", "Choose lead or annotator.", { role: "Choose a role" });
  await changeMemberRole(access, input.memberId, input.role);
  revalidatePath(`/projects/${access.projectId}/members`);
});

export const removeMemberAction = projectAction({ role: "LEAD", writes: true }, memberChangeSchema, async (access, input) => {
  await removeMember(access, input.memberId);
  revalidatePath(`/projects/${access.projectId}/members`);
});
