// The tool the model must call, generated from the project's labels, and the zod validation of
// its answer. The tool is strict (the API then only samples answers its schema allows), so the
// schema keeps to what strict mode accepts: no numeric bounds, no uniqueItems. Those bounds live
// in zod, the second check: anything that does not validate becomes a failed suggestion, never a
// suggestion.
import { z } from "zod";
import type { Span, SuggestionValue, TaskType } from "@/lib/values/value";

export const TOOL_NAME = "record_annotation";

export function toolFor(taskType: TaskType, labels: string[], withRationale: boolean, strict: boolean) {
  const enumOf = { type: "string", enum: labels };
  const answer: Record<string, unknown> =
    taskType === "PAIRWISE"
      ? { label: { ...enumOf, description: "A or B: the better response; tie: equally good; both_bad (when offered): neither is acceptable." } }
      : taskType === "SINGLE_LABEL"
        ? { label: { ...enumOf, description: "The one label that fits the item." } }
        : taskType === "MULTI_LABEL"
          ? { labels: { type: "array", items: enumOf, description: "Every label that applies, each once; empty if none." } }
          : {
              spans: {
                type: "array",
                description: "Every entity in the item: its label, its character offsets in the item text (end exclusive), and its exact text.",
                items: {
                  type: "object",
                  properties: {
                    label: enumOf,
                    start: { type: "integer", description: "0-based offset of the first character." },
                    end: { type: "integer", description: "Offset just past the last character." },
                    text: { type: "string" },
                  },
                  required: ["label", "start", "end", "text"],
                  additionalProperties: false,
                },
              },
            };
  // The rationale comes first so the model writes it before it answers (chain of thought).
  const properties = {
    ...(withRationale ? { rationale: { type: "string", description: "Short reasoning, at most three sentences, written before the answer." } } : {}),
    ...answer,
    confidence: { type: "number", description: "Probability that the answer is correct, from 0 to 1." },
  };
  return {
    name: TOOL_NAME,
    description: "Record the annotation for the item. This is the only way to answer.",
    input_schema: { type: "object" as const, properties, required: Object.keys(properties), additionalProperties: false },
    ...(strict ? { strict: true } : {}),
  };
}

export type Validated = { ok: true; value: SuggestionValue; confidence: number; rationale: string | null } | { ok: false; reason: string };

// Built once per label set: a run validates thousands of answers against the same schema.
const schemas = new Map<string, z.ZodType>();

function answerSchema(taskType: TaskType, labels: string[], withRationale: boolean): z.ZodType {
  const key = JSON.stringify([taskType, labels, withRationale]);
  let schema = schemas.get(key);
  if (!schema) {
    const label = z.enum(labels as [string, ...string[]]);
    const common = { confidence: z.number().min(0).max(1), rationale: withRationale ? z.string().min(1).max(4000) : z.string().max(4000).optional() };
    schema =
      taskType === "SINGLE_LABEL" || taskType === "PAIRWISE"
        ? z.object({ ...common, label })
        : taskType === "MULTI_LABEL"
          ? z.object({ ...common, labels: z.array(label).max(1000) })
          : z.object({
              ...common,
              spans: z.array(z.object({ label, start: z.number().int().min(0), end: z.number().int().min(0), text: z.string().min(1) })).max(500),
            });
    if (schemas.size > 100) schemas.clear();
    schemas.set(key, schema);
  }
  return schema;
}

export function validateAnswer(taskType: TaskType, labels: string[], itemText: string, input: unknown, withRationale: boolean): Validated {
  if (!labels.length) return { ok: false, reason: "the project has no labels" };
  const parsed = answerSchema(taskType, labels, withRationale).safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, reason: `invalid answer: ${first.path.join(".") || "(root)"}: ${first.message}` };
  }
  const a = parsed.data as { confidence: number; rationale?: string; label?: string; labels?: string[]; spans?: Span[] };
  const rationale = a.rationale ?? null;
  if (taskType === "SINGLE_LABEL" || taskType === "PAIRWISE") return { ok: true, value: { label: a.label! }, confidence: a.confidence, rationale };
  if (taskType === "MULTI_LABEL") return { ok: true, value: { labels: [...new Set(a.labels!)] }, confidence: a.confidence, rationale };
  const spans: Span[] = [];
  for (const s of a.spans!) {
    const fixed = repairSpan(itemText, s);
    if (!fixed) return { ok: false, reason: `span "${s.text.slice(0, 40)}" (${s.start}-${s.end}) does not occur in the item` };
    spans.push(fixed);
  }
  return { ok: true, value: { spans }, confidence: a.confidence, rationale };
}

/** Offsets must match the quoted text; if they do not, use the occurrence of the quote nearest to them. */
export function repairSpan(itemText: string, s: Span): Span | null {
  if (s.end > s.start && itemText.slice(s.start, s.end) === s.text) return s;
  let best = -1;
  for (let at = itemText.indexOf(s.text); at !== -1; at = itemText.indexOf(s.text, at + 1)) {
    if (best === -1 || Math.abs(at - s.start) < Math.abs(best - s.start)) best = at;
  }
  return best === -1 ? null : { ...s, start: best, end: best + s.text.length };
}
