// Test data. Passwords are hashed for real, so sign-in code paths work on these users.
import crypto from "node:crypto";
import { getDb } from "@/lib/db";
import { hashPassword } from "@/lib/auth/passwords";
import { createProject } from "@/lib/projects/create-project";

export const TEST_PASSWORD = "correct horse battery";

export async function createTestUser(overrides: { email?: string; name?: string; isAdmin?: boolean } = {}) {
  const db = await getDb();
  return db.user.create({
    data: {
      email: overrides.email ?? `user-${crypto.randomBytes(4).toString("hex")}@example.com`,
      name: overrides.name ?? "Test User",
      isAdmin: overrides.isAdmin ?? false,
      passwordHash: await hashPassword(TEST_PASSWORD),
    },
  });
}

export async function createTestProject(userId: string, overrides: { taskType?: "SINGLE_LABEL" | "MULTI_LABEL" | "SPANS"; name?: string } = {}) {
  return createProject({
    userId,
    input: {
      name: overrides.name ?? "Test project",
      taskType: overrides.taskType ?? "SINGLE_LABEL",
      labels: [
        { name: "positive", color: "#16a34a", hotkey: "1" },
        { name: "negative", color: "#dc2626", hotkey: "2" },
      ],
    },
  });
}

export async function addMember(projectId: string, userId: string, role: "LEAD" | "ANNOTATOR") {
  const db = await getDb();
  return db.membership.create({ data: { projectId, userId, role } });
}
