"use server";
import { z } from "zod";
import { runAction } from "@/lib/action-result";
import { requireUser } from "@/lib/auth/session";
import { acceptInvitationAsUser, acceptInvitationWithNewAccount } from "@/lib/invitations/accept-invitation";

const token = z.string().min(10).max(200);

export async function acceptWithNewAccountAction(rawToken: string, input: { name: string; password: string }) {
  return runAction(async () => {
    await acceptInvitationWithNewAccount(token.parse(rawToken), input);
  });
}

export async function acceptAsUserAction(rawToken: string) {
  return runAction(async () => {
    const user = await requireUser();
    return acceptInvitationAsUser(token.parse(rawToken), user.id);
  });
}
