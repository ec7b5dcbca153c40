import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireProjectRole } from "@/lib/auth/project-role";
import type { ProjectRole } from "@/lib/generated/prisma/enums";

async function assertNotLastLead(projectId: string, memberId: string) {
  const db = await getDb();
  const leads = await db.membership.findMany({ where: { projectId, role: "LEAD" }, select: { userId: true } });
  if (leads.length === 1 && leads[0].userId === memberId) {
    throw new AppError("CONFLICT", "A project needs at least one lead. Make someone else a lead first.");
  }
}

export async function changeMemberRole(args: { userId: string; projectId: string; memberId: string; role: ProjectRole }) {
  await requireProjectRole(args.userId, args.projectId, "LEAD");
  if (args.role !== "LEAD") await assertNotLastLead(args.projectId, args.memberId);
  const db = await getDb();
  await db.membership.updateMany({ where: { projectId: args.projectId, userId: args.memberId }, data: { role: args.role } });
}

export async function removeMember(args: { userId: string; projectId: string; memberId: string }) {
  await requireProjectRole(args.userId, args.projectId, "LEAD");
  await assertNotLastLead(args.projectId, args.memberId);
  const db = await getDb();
  await db.membership.deleteMany({ where: { projectId: args.projectId, userId: args.memberId } });
}
