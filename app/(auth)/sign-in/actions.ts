"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicFormAction } from "@/lib/auth/action";
import { clientAddress } from "@/lib/auth/client-address";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { authenticate, signInSchema } from "@/lib/auth/sign-in";
import { startSession } from "@/lib/auth/start-session";
import { AppError } from "@/lib/errors";

const signInFormSchema = signInSchema.extend({ next: z.string().max(2000).optional() });

/** A plain POST: works before the page's JavaScript has loaded, and never puts the password in a URL. */
export const signInAction = publicFormAction(signInFormSchema, async (input) => {
  const user = await authenticate(input, clientAddress(await headers()));
  if (!user) throw new AppError("VALIDATION", "That email and password do not match an account.");
  await startSession(user);
  redirect(safeNextPath(input.next));
});
