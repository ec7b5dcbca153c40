"use server";
import { revalidatePath } from "next/cache";
import { userFormAction } from "@/lib/auth/action";
import { instanceSettingsSchema } from "@/lib/instance/schemas";
import { updateInstanceSettings } from "@/lib/instance/settings";
import { publicOrigin } from "@/lib/auth/public-origin";
import { createPasswordReset, RESET_TTL_HOURS } from "@/lib/users/password-reset";
import { z } from "zod";

export const updateInstanceSettingsAction = userFormAction(
  instanceSettingsSchema,
  async (caller, input) => {
    await updateInstanceSettings(caller, input);
    revalidatePath("/admin");
    return { saved: true };
  },
  { adminOnly: true },
);

/** A one-time link to set a new password, shown to the admin once (Goldset sends no e-mail). */
export const resetPasswordAction = userFormAction(
  z.object({ userId: z.string().min(1).max(100) }),
  async (caller, input) => {
    const reset = await createPasswordReset(caller, input.userId);
    return { userId: input.userId, email: reset.email, link: `${await publicOrigin()}/reset/${reset.token}`, hours: RESET_TTL_HOURS };
  },
  { adminOnly: true },
);
