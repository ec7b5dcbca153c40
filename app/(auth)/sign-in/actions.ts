"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicFormAction } from "@/lib/auth/action";
import { clientAddress } from "@/lib/auth/client-address";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { authenticate, DEVICE_COOKIE, deviceProof, isKnownDevice, signInSchema } from "@/lib/auth/sign-in";
import { sessionCookieOptions } from "@/lib/auth/session-cookie";
import { startSession } from "@/lib/auth/start-session";
import { AppError } from "@/lib/errors";

const signInFormSchema = signInSchema.extend({ next: z.string().max(2000).optional() });

/** A plain POST: works before the page's JavaScript has loaded, and never puts the password in a URL. */
export const signInAction = publicFormAction(signInFormSchema, async (input) => {
  const jar = await cookies();
  const device = jar.get(DEVICE_COOKIE)?.value;
  const user = await authenticate(input, clientAddress(await headers()), isKnownDevice(device, input.email));
  if (!user) throw new AppError("VALIDATION", "That email and password do not match an account.");
  await startSession(user);
  // This browser is now a known device for the person: a flood of guesses at their account from
  // elsewhere does not lock them out here (lib/auth/sign-in.ts).
  const proofs = new Set([...(device?.split(" ") ?? []), deviceProof(user.email)]);
  jar.set(DEVICE_COOKIE, [...proofs].slice(-5).join(" "), { ...sessionCookieOptions(), maxAge: 365 * 24 * 3600 });
  redirect(safeNextPath(input.next));
});
