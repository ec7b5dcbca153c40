"use server";
import { revalidatePath } from "next/cache";
import { projectAction } from "@/lib/auth/action";
import { createProjectInvitation, invitationSchema } from "@/lib/invitations/create-invitation";
import { changeMemberRole, memberChangeSchema, removeMember } from "@/lib/projects/members";
import { publicOrigin } from "@/lib/auth/public-origin";
import { AppError } from "@/lib/errors";

export const inviteAction = projectAction({ role: "LEAD", writes: true }, invitationSchema, async (access, input) => {
  const inv = await createProjectInvitation(access, input);
  revalidatePath(`/projects/${access.projectId}/members`);
  return { link: `${await publicOrigin()}/invite/${inv.token}`, email: inv.email };
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
