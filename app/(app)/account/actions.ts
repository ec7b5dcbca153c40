"use server";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { runAction } from "@/lib/action-result";

export async function createTokenAction(_prev: unknown, form: FormData) {
  return runAction(async () => {
    const user = await requireUser();
    const created = await createApiToken(user.id, { name: form.get("name") });
    revalidatePath("/account");
    return { token: created.token, name: created.name };
  });
}

export async function revokeTokenAction(tokenId: string) {
  const user = await requireUser();
  await revokeApiToken(user.id, tokenId);
  revalidatePath("/account");
}
