"use server";
import { z } from "zod";
import { projectAction } from "@/lib/auth/action";
import { acknowledgeWarning } from "@/lib/reviews/care";

/** The reviewer read the project's content warning (not a write to the project: allowed on archived ones too). */
export const acknowledgeWarningAction = projectAction({ role: "ANNOTATOR" }, z.object({}), async (access) => {
  await acknowledgeWarning(access);
});
