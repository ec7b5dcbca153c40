// What the auto-accept settings form may send. Budgets are percentages; a label's own budget may
// not exceed the project's, which is what keeps the project-wide statement true (lib/gold/per-label.ts).
import { z } from "zod";
import { looseBoolean } from "@/lib/validation";

const percentOrEmpty = (min: number) =>
  z.preprocess((v) => (v === "" || v === null || v === undefined ? null : v), z.coerce.number().min(min, `At least ${min}%`).max(50, "At most 50%").nullable());

const PREFIX = "labelBudget.";

/** The form's `labelBudget.<label name>` fields, gathered into one record (own keys only, whatever the label is called). */
const gatherLabelBudgets = (raw: unknown) => {
  if (!raw || typeof raw !== "object") return raw;
  const entries = Object.entries(raw);
  const rest = Object.fromEntries(entries.filter(([key]) => !key.startsWith(PREFIX)));
  const labelBudgets = Object.fromEntries(entries.filter(([key]) => key.startsWith(PREFIX)).map(([key, value]) => [key.slice(PREFIX.length), value]));
  return { ...rest, labelBudgets };
};

/** The Settings form: budget, switch, audit share, cascade, and `labelBudget.<name>` fields per label. */
export const autoAcceptSettingsSchema = z.preprocess(
  gatherLabelBudgets,
  z
    .object({
      // Empty: off.
      errorBudgetPercent: percentOrEmpty(0.1),
      autoAccept: looseBoolean.default(false),
      learnerCascade: looseBoolean.default(false),
      // Never accept a suggestion whose rationale quotes words its item does not contain.
      groundedOnly: looseBoolean.default(false),
      auditPercent: z.coerce.number().min(1, "At least 1% (the audit is what keeps the promise)").max(100, "At most 100%").default(5),
      // Per label, empty: the project's budget.
      labelBudgets: z.record(z.string(), percentOrEmpty(0.1)).default({}),
    })
    .superRefine((v, ctx) => {
      for (const [label, percent] of Object.entries(v.labelBudgets)) {
        if (percent === null) continue;
        if (v.errorBudgetPercent === null) ctx.addIssue({ code: "custom", path: ["labelBudgets", label], message: "Set the project's budget first" });
        else if (percent > v.errorBudgetPercent)
          ctx.addIssue({ code: "custom", path: ["labelBudgets", label], message: `At most the project's ${v.errorBudgetPercent}%` });
      }
    }),
);
