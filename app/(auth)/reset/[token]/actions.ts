"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicFormAction } from "@/lib/auth/action";
import { clientAddress } from "@/lib/auth/client-address";
import { limitPublicForm } from "@/lib/auth/sign-in";
import { startSession } from "@/lib/auth/start-session";
import { completePasswordReset } from "@/lib/users/password-reset";

const token = z.string().regex(/^[A-Za-z0-9_-]{10,200}$/, "This link is not valid");

/** Sets the new password from a one-time link, signs in (every other session has ended) and opens the projects. */
export const resetPasswordWithLinkAction = publicFormAction(z.object({ token, password: z.string().max(200), confirm: z.string().max(200) }), async (input) => {
  await limitPublicForm("reset", clientAddress(await headers()));
  const user = await completePasswordReset(input.token, { password: input.password, confirm: input.confirm });
  await startSession(user);
  redirect("/projects");
});
