"use server";
import { runAction } from "@/lib/action-result";
import { createFirstAdmin } from "@/lib/users/create-first-admin";

export async function createFirstAdminAction(input: { name: string; email: string; password: string }) {
  return runAction(async () => {
    await createFirstAdmin(input);
  });
}
