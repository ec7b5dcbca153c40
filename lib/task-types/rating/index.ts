// A rubric rating ({"scores": {"helpfulness": 4, "accuracy": 5}}): every criterion of the project
// (its labels) rated on its own ordinal scale (Label.scale, 1-5 by default). The same answer means
// the same level on every criterion, so auto-accept's error is "some criterion not exactly right":
// stricter than a per-criterion budget, and the one error a reward model trained on the scores
// cannot average away.
import { z } from "zod";
import {
  byCodePoint,
  levelsOf,
  scaleOf,
  ValueShapeError,
  type Scale,
  type Scales,
  type Scores,
  type SuggestionValue,
  type TaskTypeDef,
} from "@/lib/task-types/types";

const scoresOf = (value: SuggestionValue): Scores => {
  if (!("scores" in value)) throw new ValueShapeError(`Not a {scores} value: ${JSON.stringify(value).slice(0, 120)}`);
  return value.scores;
};

/** The lead's anchors, for the prompt and the tool: "1 = off topic; 5 = answers fully". */
export function anchorsText(scales: Scales | undefined, criterion: string): string {
  const scale = scaleOf(scales, criterion);
  const named = scale.anchors.map((a, i) => (a.trim() ? `${scale.min + i} = ${a.trim()}` : "")).filter(Boolean);
  return `from ${scale.min} to ${scale.max}${named.length ? ` (${named.join("; ")})` : ""}`;
}

/** The level a digit key types on a scale: the digit itself, or 10 for 0 on a scale that has 10 but no 0. */
export function levelForKey(key: string, scale: Scale): number | null {
  if (!/^[0-9]$/.test(key)) return null;
  const digit = Number(key);
  const levels = levelsOf(scale);
  if (levels.includes(digit)) return digit;
  return digit === 0 && levels.includes(10) ? 10 : null;
}

/** Every active criterion rated, each with a level of its scale, and nothing else. */
function scoresSchema(label: z.ZodEnum<{ [key: string]: string }>, scales: Scales | undefined) {
  const shape: Record<string, z.ZodType> = {};
  for (const criterion of label.options) {
    const scale = scaleOf(scales, criterion);
    shape[criterion] = z
      .number()
      .int("A level is a whole number")
      .min(scale.min, `The scale starts at ${scale.min}`)
      .max(scale.max, `The scale ends at ${scale.max}`);
  }
  return z.strictObject(shape, "Unknown criterion") as unknown as z.ZodType<Scores>;
}

export const rating: TaskTypeDef = {
  name: "RATING",
  title: "Rubric rating (scores per criterion)",
  content: "text",
  criteria: true,
  fixedLabels: false,
  minLabels: 1,
  field: "scores",
  singleValued: false,
  review: { heading: "Rate each criterion", keyAction: "" },
  promptHint: "Rate the item on every criterion of the rubric, each on its own scale, following the anchors.",
  fineTuneHint: 'Rate every criterion as JSON: {"scores": {"<criterion>": <level>, ...}}.',
  huggingFace: {
    categories: ["text-classification"],
    ids: [],
    // A struct with one int32 per criterion, every criterion in every row (Arrow wants one schema).
    feature: (name, _classLabel, labels) => [
      `  - name: ${name}`,
      "    struct:",
      ...labels.flatMap((l) => [`    - name: ${JSON.stringify(l)}`, "      dtype: int32"]),
    ],
    encode: (value, index) => {
      const scores = scoresOf(value);
      return Object.fromEntries([...index.keys()].map((criterion) => [criterion, scores[criterion] ?? null]));
    },
  },
  metrics: "rating",
  // The learner is a classifier over labels, synthesis writes texts for a label, Label Studio's
  // text export has no <Rating> mapping here yet, and the fine-tuning formats' system prompt does
  // not carry the scales and anchors a model would need to learn the rubric.
  capabilities: { learner: false, synthesis: false, autoAccept: true, pairwiseJudge: false, labelStudio: false, fineTune: false },
  parse(raw) {
    const v = raw as Record<string, unknown> | null;
    const s = v && typeof v === "object" ? (v.scores as Record<string, unknown> | null) : null;
    if (s && typeof s === "object" && !Array.isArray(s) && Object.values(s).every((x) => Number.isInteger(x))) return { scores: s as Scores };
    throw new ValueShapeError(`Not a RATING value: ${String(JSON.stringify(raw)).slice(0, 120)}`);
  },
  // criterion=level, by criterion in code-point order: COLLATE "C" in the SQL twin.
  key: (value) =>
    Object.entries(scoresOf(value))
      .sort(([a], [b]) => byCodePoint(a, b))
      .map(([c, level]) => `${c}=${level}`)
      .join("|"),
  labelNames: (value) => Object.keys(scoresOf(value)),
  decisionSchema: (label, _itemText, scales) => z.object({ scores: scoresSchema(label, scales) }),
  // Strict mode has no numeric bounds, but it has enums: each criterion's levels, all required.
  toolProperties: (labelEnum, scales) => ({
    scores: {
      type: "object",
      description: "One level per criterion of the rubric.",
      properties: Object.fromEntries(
        labelEnum.enum.map((criterion) => [
          criterion,
          { type: "integer", enum: levelsOf(scaleOf(scales, criterion)), description: `${criterion}: ${anchorsText(scales, criterion)}` },
        ]),
      ),
      required: labelEnum.enum,
      additionalProperties: false,
    },
  }),
  answerShape: (label, scales) => ({ scores: scoresSchema(label, scales) }),
  answerValue: (answer) => ({ scores: answer.scores as Scores }),
  // {"clarity": 4, "accuracy": 5} (a CSV cell's JSON text is parsed before it comes here).
  fromCell: (v) => (v && typeof v === "object" && !Array.isArray(v) && !("scores" in v) ? { scores: v } : v),
  labelStudio: null,
};
