"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { publicFormAction } from "@/lib/auth/action";
import { clientAddress } from "@/lib/auth/client-address";
import { limitPublicForm } from "@/lib/auth/sign-in";
import { startSession } from "@/lib/auth/start-session";
import { createFirstAdmin } from "@/lib/users/create-first-admin";
import { newAccountSchema } from "@/lib/users/schemas";

/** The first account of an empty instance, signed in at once. A plain POST: works without JavaScript. */
export const createFirstAdminAction = publicFormAction(newAccountSchema, async (input) => {
  await limitPublicForm("setup", clientAddress(await headers()));
  const user = await createFirstAdmin(input);
  await startSession(user);
  redirect("/projects");
});
