import { z } from "zod";

export const selectionSchema = z.discriminatedUnion("kind", [
  // Items with no usable suggestion from this prompt version (failed ones are tried again).
  z.object({ kind: z.literal("MISSING") }),
  z.object({ kind: z.literal("FILTER"), status: z.enum(["NEW", "PRELABELED", "REVIEWED"]).optional(), q: z.string().trim().max(200).optional() }),
  // Only items with a gold value: to measure a prompt version against the humans.
  z.object({ kind: z.literal("GOLD") }),
  // The held-out part of the gold split (lib/alignment/split): where proposed versions are tested.
  z.object({ kind: z.literal("HELD_OUT") }),
]);
export type Selection = z.infer<typeof selectionSchema>;

const versionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Save a prompt first");

export const startRunSchema = z.object({
  promptVersionId: versionId,
  selection: selectionSchema,
  mode: z.enum(["DIRECT", "BATCH"]).default("DIRECT"),
  concurrency: z.coerce.number().int().min(1, "At least 1").max(64, "At most 64").default(8),
});
export type StartRunInput = z.infer<typeof startRunSchema>;

export const runEstimateSchema = startRunSchema.pick({ promptVersionId: true, selection: true, mode: true });
export type RunEstimateInput = z.infer<typeof runEstimateSchema>;
