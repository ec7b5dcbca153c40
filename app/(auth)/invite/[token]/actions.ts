"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicFormAction, userFormAction } from "@/lib/auth/action";
import { clientAddress } from "@/lib/auth/client-address";
import { limitPublicForm } from "@/lib/auth/sign-in";
import { startSession } from "@/lib/auth/start-session";
import { acceptInvitationAsUser, acceptInvitationWithNewAccount } from "@/lib/invitations/accept-invitation";
import { passwordSchema } from "@/lib/users/schemas";

const token = z.string().regex(/^[A-Za-z0-9_-]{10,200}$/, "This invitation link is not valid");
const landing = (projectId: string | null) => (projectId ? `/projects/${projectId}/review` : "/projects");

/** Someone without an account: creates it with the invited email, signs in, and opens the project's review queue. */
export const acceptWithNewAccountAction = publicFormAction(
  z.object({ token, name: z.string().trim().min(1, "Enter your name").max(100), password: passwordSchema }),
  async (input) => {
    await limitPublicForm("invite", clientAddress(await headers()));
    const created = await acceptInvitationWithNewAccount(input.token, { name: input.name, password: input.password });
    await startSession({ id: created.userId, sessionVersion: created.sessionVersion });
    redirect(landing(created.projectId));
  },
);

export const acceptAsUserAction = userFormAction(z.object({ token }), async (caller, input) => {
  const accepted = await acceptInvitationAsUser(input.token, caller.userId);
  redirect(landing(accepted.projectId));
});
