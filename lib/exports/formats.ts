// Turning export rows into bytes. Key order is fixed and nothing depends on the clock, so the same
// data gives the same file.
import type { ExportRow } from "@/lib/exports/rows";
import type { TaskType } from "@/lib/llm/output-schema";

export function jsonlRecord(r: ExportRow) {
  return {
    id: r.externalId,
    text: r.text,
    metadata: r.metadata,
    origin: r.origin,
    gold: r.gold,
    gold_source: r.goldSource,
    suggestion: r.suggestion,
    confidence: r.confidence,
    prompt_version: r.promptVersion,
    model: r.model,
    decisions: r.decisions,
    blind: r.blind,
    ...(r.split ? { split: r.split } : {}),
  };
}

export const CSV_COLUMNS = ["id", "text", "metadata", "origin", "gold", "gold_source", "suggestion", "confidence", "prompt_version", "model", "decisions", "blind", "split"] as const;

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe, as OWASP recommends; then RFC 4180 quoting.
 */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? "" : typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(r: ExportRow): string {
  const rec = jsonlRecord(r) as Record<string, unknown>;
  return CSV_COLUMNS.map((c) => csvCell(rec[c])).join(",") + "\r\n";
}

const TASK_HINT: Record<TaskType, string> = {
  SINGLE_LABEL: "Answer with one label as JSON: {\"label\": ...}.",
  MULTI_LABEL: "Answer with every label that applies as JSON: {\"labels\": [...]}.",
  SPANS: "Answer with the entities as JSON: {\"spans\": [{\"label\", \"start\", \"end\", \"text\"}]}.",
};

/** The system message of the fine-tuning format: the task as a small model should learn it. */
export function fineTuneSystem(taskType: TaskType, labels: { name: string; description: string }[], guidelines: string): string {
  const list = labels.map((l) => `- ${l.name}${l.description ? `: ${l.description}` : ""}`).join("\n");
  return [`Label the text. ${TASK_HINT[taskType]}`, `Labels:\n${list}`, guidelines.trim() ? `Guidelines:\n${guidelines.trim()}` : ""].filter(Boolean).join("\n\n");
}

/** The answer to teach: the gold, or for an item without one (scope "everything with a suggestion"), the model's. */
export function fineTuneRecord(r: ExportRow, system: string) {
  // gold_source says where the answer came from (AUTO: auto-accepted, no person checked it; null:
  // the model's suggestion); trainers read `messages` and leave other columns alone.
  return {
    messages: [{ role: "system", content: system }, { role: "user", content: r.text }, { role: "assistant", content: JSON.stringify(r.gold ?? r.suggestion) }],
    gold_source: r.gold ? r.goldSource : null,
    origin: r.origin,
  };
}

export function preferenceRecord(r: ExportRow, system: string) {
  // TRL's conversational preference format.
  return {
    id: r.externalId,
    prompt: [{ role: "system", content: system }, { role: "user", content: r.text }],
    chosen: [{ role: "assistant", content: JSON.stringify(r.gold) }],
    rejected: [{ role: "assistant", content: JSON.stringify(r.suggestion) }],
    gold_source: r.goldSource,
    origin: r.origin,
  };
}
