// The instance settings' shape and form schema (no database here: client components import it).
import { z } from "zod";
import { optionalAmount } from "@/lib/validation";

export const PROJECT_CREATORS = ["ADMINS", "ADMINS_AND_LEADS", "EVERYONE"] as const;
export const PROJECT_CREATOR_NAMES: Record<(typeof PROJECT_CREATORS)[number], string> = {
  ADMINS: "Instance admins only",
  ADMINS_AND_LEADS: "Admins and people who already lead a project",
  EVERYONE: "Everyone with an account",
};

export type InstanceSettings = {
  projectCreators: (typeof PROJECT_CREATORS)[number];
  monthlySpendLimitUsd: number | null;
  defaultProjectBudgetUsd: number | null;
};

export const instanceSettingsSchema = z.object({
  projectCreators: z.enum(PROJECT_CREATORS, "Choose who may create projects"),
  monthlySpendLimitUsd: optionalAmount,
  defaultProjectBudgetUsd: optionalAmount,
});
