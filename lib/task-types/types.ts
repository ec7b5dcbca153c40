// What every task type is made of, so a new type is one module (lib/task-types/<type>/) and one
// line in the registry (./index.ts), not edits wherever values are read. This half is safe for the
// browser (the review screen parses and compares values); the SQL half is ./sql.ts.
import type { z } from "zod";

export const TASK_TYPE_NAMES = ["SINGLE_LABEL", "MULTI_LABEL", "SPANS", "PAIRWISE", "RATING", "IMAGE_CLASSIFICATION", "IMAGE_MULTI_LABEL"] as const;
export type TaskType = (typeof TASK_TYPE_NAMES)[number];

export type Span = { label: string; start: number; end: number; text: string };
/** A rubric rating: one level per criterion (the criteria are the project's labels). */
export type Scores = Record<string, number>;
export type SuggestionValue = { label: string } | { labels: string[] } | { spans: Span[] } | { scores: Scores };
/** Any parsed value seen through one shape, for screens that look at whichever field is there. */
export type ValueView = { label?: string; labels?: string[]; spans?: Span[]; scores?: Scores };

/**
 * A criterion's ordinal scale, as the lead defines it on the label (Label.scale): the levels are
 * the integers min..max, and anchors[i] says what level min + i means ("" where it says nothing).
 */
export type Scale = { min: number; max: number; anchors: string[] };
/** The scales of a project's criteria by name; a criterion without one has DEFAULT_SCALE. */
export type Scales = Readonly<Record<string, Scale>>;
export const DEFAULT_SCALE: Scale = { min: 1, max: 5, anchors: [] };
export const scaleOf = (scales: Scales | undefined, criterion: string): Scale => scales?.[criterion] ?? DEFAULT_SCALE;
/** Label.scale as stored (JSON): a scale, or null when it is not one (then the default applies). */
export function readScale(raw: unknown): Scale | null {
  const s = raw as Partial<Scale> | null;
  if (!s || typeof s !== "object" || !Number.isInteger(s.min) || !Number.isInteger(s.max) || s.min! >= s.max!) return null;
  return { min: s.min!, max: s.max!, anchors: Array.isArray(s.anchors) ? s.anchors.map((a) => String(a ?? "")) : [] };
}
/** The scales of labels that carry one ({name, scale} as the prompt context and pages hold them). */
export const scalesOf = (labels: readonly { name: string; scale?: unknown }[]): Scales =>
  Object.fromEntries(labels.flatMap((l) => (readScale(l.scale) ? [[l.name, readScale(l.scale)!]] : [])));
export const levelsOf = (scale: Scale) => Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);

/** Sorts names as the SQL twins' COLLATE "C" does (UTF-16 units, equal to code points outside the astral planes). */
export const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A stored value that is not its task type's shape: an error, never read as some other shape. */
export class ValueShapeError extends Error {}

/** One region of a Label Studio result list (https://labelstud.io/guide/task_format). */
export type LabelStudioRegion = {
  id?: string;
  from_name?: string;
  to_name?: string;
  type?: string;
  value?: { choices?: unknown; labels?: unknown; start?: unknown; end?: unknown; text?: unknown };
  score?: number;
};

/** How a type's value is carried by Label Studio's text tasks (lib/label-studio writes the task around it). */
export type LabelStudioMapping = {
  /** The labeling config's control tag for it, with `choice` for <Choices>. */
  control: { tag: "Choices"; choice: "single" | "multiple" } | { tag: "Labels" };
  /** The value a result list holds (its labels still to be checked against the project's). */
  fromRegions(regions: LabelStudioRegion[]): SuggestionValue | { error: string };
  /** The regions for a value, without their ids and tag names. */
  toRegions(value: SuggestionValue): Omit<LabelStudioRegion, "id" | "from_name" | "to_name">[];
};

/** The project's label names as a zod enum (one schema per label set). */
export type LabelEnum = z.ZodEnum<{ [key: string]: string }>;

/** An answer from the model, as its tool returned it (already checked by the type's zod shape). */
export type ToolAnswer = Record<string, unknown> & { confidence: number; rationale?: string; evidence?: string[] };

/** What a type can take part in; a screen or job asks here instead of listing types. */
export type Capabilities = {
  /** The task learner (a classifier over the item text) can train on it. */
  learner: boolean;
  /** Synthesis can write new items for a thin label. */
  synthesis: boolean;
  /** Calibrated auto-accept under an error budget. */
  autoAccept: boolean;
  /** Items are two responses judged against each other (position bias, Bradley-Terry). */
  pairwiseJudge: boolean;
  /** Label Studio's import and export formats carry it. */
  labelStudio: boolean;
  /** Chat fine-tuning records (OpenAI's and Claude's) can teach its answer. */
  fineTune: boolean;
};

export type TaskTypeDef = {
  name: TaskType;
  /** How the project form and headers name it. */
  title: string;
  /**
   * What an item holds: a text, a prompt with two responses, or an image (its text is then the
   * image's file name or caption; the picture is in ItemImage and the media store).
   */
  content: "text" | "pair" | "image";
  /** The labels are the type's own (A, B, tie...), not the lead's to edit. */
  fixedLabels: boolean;
  /** The labels are a rubric's criteria, each rated on its own scale (Label.scale), not answers to choose from. */
  criteria: boolean;
  /** The fewest labels a lead may define (a classification needs two to choose between). */
  minLabels: number;
  /** The field of the stored value: {label}, {labels}, {spans} or {scores}. */
  field: "label" | "labels" | "spans" | "scores";
  /** One label per item (the metrics of a classification: accuracy, kappa, per-label F1). */
  singleValued: boolean;
  /** How the review screen words choosing: the label panel's heading, and what a label key does. */
  review: { heading: string; keyAction: string };
  /** The model's task, in one or two sentences after the lead's instructions. */
  promptHint: string;
  /** The same for a fine-tuned model, which answers in plain JSON rather than through a tool. */
  fineTuneHint: string;
  /**
   * The Hugging Face dataset folder: the Hub's task_categories and task_ids, the answer column's
   * feature in the card's YAML (labels are a ClassLabel, whose lines `classLabel` gives at an
   * indent), and a value in that feature's terms (label indexes).
   */
  huggingFace: {
    categories: string[];
    ids: string[];
    feature(name: string, classLabel: (indent: string) => string[], labels: readonly string[]): string[];
    encode(value: SuggestionValue, index: Map<string, number>): unknown;
  };
  /** Which family of figures the Quality page shows. */
  metrics: "classification" | "multi-label" | "spans" | "pairwise" | "rating";
  capabilities: Capabilities;
  /** A stored (JSON) value read as this type's shape, or ValueShapeError. Checks by hand: exports read millions. */
  parse(raw: unknown): SuggestionValue;
  /** "The same answer": the canonical key (its SQL twin is in ./sql.ts, and the contract test checks they agree). */
  key(value: SuggestionValue): string;
  /** The label names a value uses. */
  labelNames(value: SuggestionValue): string[];
  /** What a person may submit (a review, a ruling, a correction, an import). */
  decisionSchema(label: LabelEnum, itemText?: string, scales?: Scales): z.ZodType<SuggestionValue>;
  /** A cell of an imported table (CSV, JSONL) read as this type's shape, before its labels are checked. */
  fromCell(cell: unknown): unknown;
  /** Label Studio's mapping; null for a type its text tasks cannot carry (capabilities.labelStudio false). */
  labelStudio: LabelStudioMapping | null;
  /** The model's answer: the tool's JSON schema properties (strict mode's subset) ... */
  toolProperties(labelEnum: { type: "string"; enum: string[] }, scales?: Scales): Record<string, unknown>;
  /** ... their zod twin, with the bounds strict mode cannot say ... */
  answerShape(label: LabelEnum, scales?: Scales): Record<string, z.ZodType>;
  /** ... and the answer as a value, or why it is refused (a span that is not in the item). */
  answerValue(answer: ToolAnswer, itemText: string): SuggestionValue | { error: string };
};
