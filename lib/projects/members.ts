// Leads change roles and remove members. "At least one lead" is checked in the same transaction
// as the change, with the project's lead rows locked, so two leads demoting each other at once
// cannot leave the project without one.
import { z } from "zod";
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import type { SqlSession } from "@/lib/db/sql-session";
import type { ProjectAccess } from "@/lib/auth/access";

export const memberChangeSchema = z.object({
  memberId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a valid member"),
  role: z.enum(["LEAD", "ANNOTATOR"], "Choose lead or annotator").optional(),
});

async function assertAnotherLeadRemains(tx: SqlSession, projectId: string, memberId: string) {
  const leads = await tx.query<{ userId: string }>(
    sql`SELECT "userId" FROM "Membership" WHERE "projectId" = ${projectId} AND role = 'LEAD' ORDER BY "userId" FOR UPDATE`,
  );
  if (leads.length === 1 && leads[0].userId === memberId) {
    throw new AppError("CONFLICT", "A project needs at least one lead. Make someone else a lead first.");
  }
}

export async function changeMemberRole(access: ProjectAccess, memberId: string, role: "LEAD" | "ANNOTATOR") {
  const database = await getDatabase();
  await database.rawTransaction(async (tx) => {
    if (role !== "LEAD") await assertAnotherLeadRemains(tx, access.projectId, memberId);
    const changed = await tx.query(
      sql`UPDATE "Membership" SET role = ${role}::"ProjectRole" WHERE "projectId" = ${access.projectId} AND "userId" = ${memberId} RETURNING "userId"`,
    );
    if (!changed.length) throw new AppError("NOT_FOUND", "That person is not a member of this project.");
  });
}

export async function removeMember(access: ProjectAccess, memberId: string) {
  const database = await getDatabase();
  await database.rawTransaction(async (tx) => {
    await assertAnotherLeadRemains(tx, access.projectId, memberId);
    const removed = await tx.query(sql`DELETE FROM "Membership" WHERE "projectId" = ${access.projectId} AND "userId" = ${memberId} RETURNING "userId"`);
    if (!removed.length) throw new AppError("NOT_FOUND", "That person is not a member of this project.");
  });
}
