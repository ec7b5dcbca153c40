// The tool the model must call, generated from the project's labels, and the zod validation of
// its answer. The tool is strict (the API then only samples answers its schema allows), so the
// schema keeps to what strict mode accepts: no numeric bounds, no uniqueItems. Those bounds live
// in zod, the second check: anything that does not validate becomes a failed suggestion, never a
// suggestion.
import { z } from "zod";
import { taskTypeDef, type Scales, type SuggestionValue, type TaskType, type ToolAnswer } from "@/lib/task-types";
import { groundEvidence, MAX_QUOTE_CHARS, MAX_QUOTES } from "@/lib/llm/grounding";

export { repairSpan } from "@/lib/task-types/spans";

export const TOOL_NAME = "record_annotation";

/**
 * What the tool asks for besides the answer and its confidence: a rationale written first (chain of
 * thought); with it, `evidence`, the exact words of the item the rationale relies on, checked
 * against the item afterwards (lib/llm/grounding.ts); a rubric's `scales`; and `distress`, the
 * lead's categories of distressing content, which the model flags per item (lib/reviews/care.ts).
 */
export type ToolAsk = { rationale: boolean; evidence?: boolean; scales?: Scales; distress?: string[] };

/** The answer's fields are the task type's (lib/task-types/<type>); the rest is what `ask` asks for. */
export function toolFor(name: TaskType, labels: string[], ask: ToolAsk, strict: boolean) {
  const withRationale = ask.rationale;
  const answer = taskTypeDef(name).toolProperties({ type: "string", enum: labels }, ask.scales);
  // The rationale comes first so the model writes it before it answers (chain of thought).
  const properties = {
    ...(withRationale ? { rationale: { type: "string", description: "Short reasoning, at most three sentences, written before the answer." } } : {}),
    ...(withRationale && ask.evidence
      ? {
          evidence: {
            type: "array",
            items: { type: "string" },
            description: `The exact words of the item your rationale relies on: up to ${MAX_QUOTES} short quotes, each copied verbatim from the item text (not from the guidelines).`,
          },
        }
      : {}),
    ...answer,
    ...(ask.distress?.length
      ? {
          distressing: {
            type: "array",
            items: { type: "string", enum: ask.distress },
            description: "Which of these kinds of distressing content the item contains, so reviewers can be warned: none, one or several.",
          },
        }
      : {}),
    confidence: { type: "number", description: "Probability that the answer is correct, from 0 to 1." },
  };
  return {
    name: TOOL_NAME,
    description: "Record the annotation for the item. This is the only way to answer.",
    input_schema: { type: "object" as const, properties, required: Object.keys(properties), additionalProperties: false },
    ...(strict ? { strict: true } : {}),
  };
}

export type Validated =
  | {
      ok: true;
      value: SuggestionValue;
      confidence: number;
      rationale: string | null;
      evidence: string[] | null;
      grounded: boolean | null;
      /** The distress categories flagged (null when none were asked about). */
      distress: string[] | null;
    }
  | { ok: false; reason: string };

// Built once per label set: a run validates thousands of answers against the same schema.
const schemas = new Map<string, z.ZodType<ToolAnswer>>();

function answerSchema(name: TaskType, labels: string[], ask: ToolAsk): z.ZodType<ToolAnswer> {
  const { rationale: withRationale, evidence: withEvidence, scales, distress } = ask;
  const key = JSON.stringify([name, labels, withRationale, scales ?? null, withEvidence ?? false, distress ?? []]);
  let schema = schemas.get(key);
  if (!schema) {
    const label = z.enum(labels as [string, ...string[]]);
    const common = {
      confidence: z.number().min(0).max(1),
      rationale: withRationale ? z.string().min(1).max(4000) : z.string().max(4000).optional(),
      // Asked for: required, bounded here (strict mode cannot bound arrays). Not asked for: dropped like any unknown key.
      ...(withRationale && withEvidence ? { evidence: z.array(z.string().max(MAX_QUOTE_CHARS)).max(MAX_QUOTES) } : {}),
      ...(distress?.length ? { distressing: z.array(z.enum(distress as [string, ...string[]])).max(distress.length) } : {}),
    };
    schema = z.object({ ...common, ...taskTypeDef(name).answerShape(label, scales) }) as z.ZodType<ToolAnswer>;
    if (schemas.size > 100) schemas.clear();
    schemas.set(key, schema);
  }
  return schema;
}

export function validateAnswer(name: TaskType, labels: string[], itemText: string, input: unknown, ask: ToolAsk): Validated {
  if (!labels.length) return { ok: false, reason: "the project has no labels" };
  const parsed = answerSchema(name, labels, ask).safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, reason: `invalid answer: ${first.path.join(".") || "(root)"}: ${first.message}` };
  }
  const value = taskTypeDef(name).answerValue(parsed.data, itemText);
  if ("error" in value) return { ok: false, reason: value.error };
  // An answer whose quotes are not in the item is still an answer: it is recorded as ungrounded, for
  // the Quality page to weigh and auto-accept to skip when the lead says so, never dropped.
  const evidence = (parsed.data.evidence as string[] | undefined) ?? null;
  const grounded = evidence ? groundEvidence(evidence, itemText).grounded : null;
  const distress = ask.distress?.length ? [...new Set((parsed.data.distressing as string[] | undefined) ?? [])] : null;
  return { ok: true, value, confidence: parsed.data.confidence, rationale: parsed.data.rationale ?? null, evidence, grounded, distress };
}
