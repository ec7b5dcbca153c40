"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicFormAction } from "@/lib/auth/action";
import { endSession } from "@/lib/auth/start-session";

/** Signing out works with or without a session (an expired one must still be able to leave). */
export const signOutAction = publicFormAction(z.object({}), async () => {
  await endSession();
  redirect("/sign-in");
});
