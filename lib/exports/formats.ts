// Turning export rows into bytes. Key order is fixed and nothing depends on the clock, so the same
// data gives the same file.
import type { ExportRow } from "@/lib/exports/rows";
import { parseValue, type TaskType } from "@/lib/values/value";
import { taskTypeDef } from "@/lib/task-types";

export function jsonlRecord(r: ExportRow) {
  return {
    id: r.externalId,
    text: r.text,
    metadata: r.metadata,
    origin: r.origin,
    gold: r.gold,
    gold_source: r.goldSource,
    reference: r.reference ?? null,
    suggestion: r.suggestion,
    confidence: r.confidence,
    prompt_version: r.promptVersion,
    model: r.model,
    decisions: r.decisions,
    blind: r.blind,
    ...(r.split ? { split: r.split } : {}),
    // An image item's picture: its path in the upload and its hash (GET .../media/{sha256} serves it).
    ...(r.image ? { image: { path: r.image.path, sha256: r.image.sha256, content_type: r.image.contentType } } : {}),
    // A pair's responses (text is its prompt) and the judge's answer in each order.
    ...(r.pair ? { response_a: r.pair.a, response_b: r.pair.b, model_a: r.pair.aModel, model_b: r.pair.bModel, judgments: r.judgments ?? null } : {}),
  };
}

export const CSV_COLUMNS = [
  "id",
  "text",
  "metadata",
  "origin",
  "gold",
  "gold_source",
  "reference",
  "suggestion",
  "confidence",
  "prompt_version",
  "model",
  "decisions",
  "blind",
  "split",
] as const;
const PAIR_COLUMNS = ["response_a", "response_b", "model_a", "model_b", "judgments"] as const;
/** A rubric's gold level for one criterion gets a column of its own, "score:<criterion>" (reward-model data in a spreadsheet). */
const SCORE_COLUMN = "score:";

/** A pairwise project's CSV has the responses and judgments too; a rubric's, the gold level per criterion. */
export function csvColumns(taskType: TaskType, labels: readonly string[] = []): readonly string[] {
  const type = taskTypeDef(taskType);
  if (type.content === "pair") return [...CSV_COLUMNS, ...PAIR_COLUMNS];
  if (type.criteria) return [...CSV_COLUMNS, ...labels.map((l) => `${SCORE_COLUMN}${l}`)];
  return CSV_COLUMNS;
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe, as OWASP recommends; then RFC 4180 quoting. `raw`: the text exactly as it is, for
 * files read by programs rather than opened in a spreadsheet (the export's "raw text" option).
 */
export function csvCell(value: unknown, raw = false): string {
  let s = value === null || value === undefined ? "" : typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (!raw && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(r: ExportRow, columns: readonly string[] = CSV_COLUMNS, raw = false): string {
  const rec = jsonlRecord(r) as Record<string, unknown>;
  const scores = (r.gold as { scores?: Record<string, number> } | null)?.scores;
  const cell = (c: string) => (c.startsWith(SCORE_COLUMN) && !(c in rec) ? scores?.[c.slice(SCORE_COLUMN.length)] : rec[c]);
  return columns.map((c) => csvCell(cell(c), raw)).join(",") + "\r\n";
}

/** The system message of the fine-tuning format: the task as a small model should learn it. */
export function fineTuneSystem(taskType: TaskType, labels: { name: string; description: string }[], guidelines: string): string {
  const list = labels.map((l) => `- ${l.name}${l.description ? `: ${l.description}` : ""}`).join("\n");
  return [`Label the text. ${taskTypeDef(taskType).fineTuneHint}`, `Labels:\n${list}`, guidelines.trim() ? `Guidelines:\n${guidelines.trim()}` : ""]
    .filter(Boolean)
    .join("\n\n");
}

/** The answer to teach: the gold, or for an item without one (scope "everything with a suggestion"), the model's. */
const answerOf = (r: ExportRow) => JSON.stringify(r.gold ?? r.suggestion);

/**
 * OpenAI's chat fine-tuning format: `messages` only (an extra key fails their validation), the
 * system prompt as the first message.
 */
export function fineTuneRecord(r: ExportRow, system: string) {
  return {
    messages: [
      { role: "system", content: system },
      { role: "user", content: r.text },
      { role: "assistant", content: answerOf(r) },
    ],
  };
}

/**
 * Claude fine-tuning's format (Amazon Bedrock): `system` at the top, then messages that start with
 * the user and end with the assistant, alternating; no other keys are allowed.
 */
export function claudeFineTuneRecord(r: ExportRow, system: string) {
  return {
    system,
    messages: [
      { role: "user", content: r.text },
      { role: "assistant", content: answerOf(r) },
    ],
  };
}

/**
 * The side file of a fine-tuning export, one line per line of the data: where the answer came
 * from (gold_source AUTO: auto-accepted, no person checked it; null: the model's suggestion), the
 * item's origin, and its split.
 */
export function provenanceRecord(r: ExportRow) {
  return { id: r.externalId, gold_source: r.gold ? r.goldSource : null, origin: r.origin, ...(r.split ? { split: r.split } : {}) };
}

/**
 * A pairwise item as TRL's DPO trainer reads it (standard format: prompt, chosen, rejected as
 * strings), the gold's preferred response chosen. Only pairs whose gold is A or B get here.
 */
export function dpoRecord(r: ExportRow) {
  const gold = parseValue("PAIRWISE", r.gold);
  const preferA = "label" in gold && gold.label === "A";
  return {
    id: r.externalId,
    prompt: r.text,
    chosen: preferA ? r.pair!.a : r.pair!.b,
    rejected: preferA ? r.pair!.b : r.pair!.a,
    chosen_model: preferA ? r.pair!.aModel : r.pair!.bModel,
    rejected_model: preferA ? r.pair!.bModel : r.pair!.aModel,
    gold_source: r.goldSource,
    origin: r.origin,
  };
}

export function preferenceRecord(r: ExportRow, system: string) {
  // TRL's conversational preference format.
  return {
    id: r.externalId,
    prompt: [
      { role: "system", content: system },
      { role: "user", content: r.text },
    ],
    chosen: [{ role: "assistant", content: JSON.stringify(r.gold) }],
    rejected: [{ role: "assistant", content: JSON.stringify(r.suggestion) }],
    gold_source: r.goldSource,
    origin: r.origin,
  };
}
