// Test data. Passwords are hashed for real, so sign-in code paths work on these users. Accesses
// are made the way the boundary makes them (a membership check), never forged.
import crypto from "node:crypto";
import { getDb } from "@/lib/db";
import type { TaskType } from "@/lib/task-types";
import { hashPassword } from "@/lib/auth/passwords";
import { accessOfUser, makeCaller, type Need, type ProjectAccess } from "@/lib/auth/access";
import { insertProject } from "@/lib/projects/create-project";

export const TEST_PASSWORD = "correct horse battery";

export async function createTestUser(overrides: { email?: string; name?: string; isAdmin?: boolean; password?: string } = {}) {
  const db = await getDb();
  return db.user.create({
    data: {
      email: overrides.email ?? `user-${crypto.randomBytes(4).toString("hex")}@example.com`,
      name: overrides.name ?? "Test User",
      isAdmin: overrides.isAdmin ?? false,
      passwordHash: await hashPassword(overrides.password ?? TEST_PASSWORD),
    },
  });
}

export const callerOf = (user: { id: string; email: string; name: string; isAdmin: boolean }) => makeCaller(user);

export async function createTestProject(userId: string, overrides: { taskType?: TaskType; name?: string } = {}) {
  return insertProject(userId, {
    name: overrides.name ?? "Test project",
    taskType: overrides.taskType ?? "SINGLE_LABEL",
    labels: [
      { name: "positive", color: "#16a34a", hotkey: "1" },
      { name: "negative", color: "#dc2626", hotkey: "2" },
    ],
  });
}

export async function addMember(projectId: string, userId: string, role: "LEAD" | "ANNOTATOR") {
  const db = await getDb();
  return db.membership.create({ data: { projectId, userId, role } });
}

/** The access a member's request would carry (NOT_FOUND / FORBIDDEN as the boundary would throw). */
export function accessFor(userId: string, projectId: string, need: Need = { role: "ANNOTATOR" }): Promise<ProjectAccess> {
  return accessOfUser(userId, projectId, need);
}

/** A lead's access, for tests that act as the project's lead. */
export const leadAccess = (userId: string, projectId: string) => accessFor(userId, projectId, { role: "LEAD" });
