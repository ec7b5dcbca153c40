"use server";
import { revalidatePath } from "next/cache";
import { userFormAction } from "@/lib/auth/action";
import { instanceSettingsSchema } from "@/lib/instance/schemas";
import { updateInstanceSettings } from "@/lib/instance/settings";

export const updateInstanceSettingsAction = userFormAction(
  instanceSettingsSchema,
  async (caller, input) => {
    await updateInstanceSettings(caller, input);
    revalidatePath("/admin");
    return { saved: true };
  },
  { adminOnly: true },
);
