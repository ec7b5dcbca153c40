// Changing one's password: the current one is checked (a session left open on a shared computer
// must not be enough), and every session ends except the one making the change, which gets a new
// cookie from the caller.
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/access";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { passwordSchema } from "@/lib/users/schemas";

export const changePasswordSchema = z
  .object({ current: z.string().min(1, "Enter your current password").max(200), password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two new passwords differ" });

export async function changePassword(caller: Caller, input: z.infer<typeof changePasswordSchema>) {
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: caller.userId } });
  if (!(await verifyPassword(input.current, user.passwordHash))) {
    throw new AppError("VALIDATION", "Your current password is not right.", { current: "Not your current password" });
  }
  return db.user.update({
    where: { id: user.id },
    data: { passwordHash: await hashPassword(input.password), sessionVersion: { increment: 1 } },
    select: { id: true, sessionVersion: true },
  });
}
