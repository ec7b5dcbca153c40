// Turns a parsed record into an item (externalId, text, metadata) or a bad row with its reason.
// Anything the database could refuse is caught here, per row, so one poisoned value never fails
// the rows around it: NUL characters (PostgreSQL text and jsonb cannot hold U+0000), lone UTF-16
// surrogates (jsonb refuses "\ud800"; as text they would silently become U+FFFD), and metadata
// nested deeper than MAX_METADATA_DEPTH.
import crypto from "node:crypto";
import { excerptOf, safeJson, type BadRow, type NormalizedRow, type RowPair } from "@/lib/imports/row-types";
import { labelColumns } from "@/lib/imports/label-values";
import type { ImportOptions } from "@/lib/imports/schemas";

export const MAX_EXTERNAL_ID_CHARS = 256;
const NO_COLUMNS: string[] = [];
export const MAX_METADATA_DEPTH = 32;

const hasNul = (s: string) => s.includes("\u0000");
const hasLoneSurrogate = (s: string) => !s.isWellFormed();

/** What is wrong with a string for the database, or null. */
function stringProblem(s: string): string | null {
  if (hasNul(s)) return "a NUL character (U+0000), which cannot be stored";
  if (hasLoneSurrogate(s)) return "a lone UTF-16 surrogate (an escape such as \\ud800 without its pair), which is not valid Unicode";
  return null;
}

/**
 * Walks metadata without recursion (a value nested thousands deep must not overflow the stack):
 * the first problem found, or null.
 */
function metadataProblem(metadata: Record<string, unknown>): string | null {
  const stack: { value: unknown; depth: number }[] = [{ value: metadata, depth: 1 }];
  while (stack.length) {
    const { value, depth } = stack.pop()!;
    if (typeof value === "string") {
      const p = stringProblem(value);
      if (p) return `metadata contains ${p}`;
      continue;
    }
    if (!value || typeof value !== "object") continue;
    if (depth > MAX_METADATA_DEPTH) return `metadata is nested more than ${MAX_METADATA_DEPTH} levels deep`;
    for (const [k, v] of Object.entries(value)) {
      const p = stringProblem(k);
      if (p) return `a metadata key contains ${p}`;
      stack.push({ value: v, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * Ids missing from the file are derived from the content, so importing the same file again
 * finds the same ids and adds nothing.
 */
export function contentId(text: string, metadataJson: string): string {
  const h = crypto.createHash("sha256").update(text).update("\u0000").update(metadataJson).digest("hex");
  return `sha256-${h.slice(0, 24)}`;
}

export function normalizeRow(
  line: number,
  fields: Record<string, unknown>,
  options: ImportOptions,
  maxTextChars: number,
): { ok: NormalizedRow } | { bad: BadRow } {
  const bad = (reason: string, field?: string, value?: unknown): { bad: BadRow } => ({
    bad: { line, reason, field, excerpt: excerptOf(typeof value === "string" ? value : safeJson(value ?? fields)) },
  });
  const { textField, idField } = options;

  const rawText = fields[textField];
  if (rawText === undefined || rawText === null) return bad(`missing text: no "${textField}" field`, textField);
  if (typeof rawText !== "string") return bad(`"${textField}" must be a string, got ${Array.isArray(rawText) ? "array" : typeof rawText}`, textField, rawText);
  const text = rawText;
  if (!text.trim()) return bad(`missing text: "${textField}" is empty`, textField);
  if (text.length > maxTextChars)
    return bad(`text is ${text.length.toLocaleString("en-US")} characters; the limit is ${maxTextChars.toLocaleString("en-US")}`, textField, text);
  const textProblem = stringProblem(text);
  if (textProblem) return bad(`text contains ${textProblem}`, textField, text);

  let pair: RowPair | undefined;
  if (options.aField) {
    const read = readPair(fields, options, maxTextChars);
    if ("bad" in read) return bad(read.bad.reason, read.bad.field, read.bad.value);
    pair = read.pair;
  }

  // The text, the id and the label and response columns are not metadata (no list built per row without them).
  const labels =
    options.labelField || options.predictionField || options.predictionScoreField || options.aField
      ? [...labelColumns(options), ...[options.aField, options.bField, options.aModelField, options.bModelField].filter(Boolean)]
      : NO_COLUMNS;
  const metadata: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) if (k !== textField && k !== idField && (labels.length === 0 || !labels.includes(k))) metadata[k] = v;
  const problem = metadataProblem(metadata);
  if (problem) return bad(problem, undefined, "");
  const metadataJson = JSON.stringify(metadata);

  let externalId: string;
  if (idField) {
    const rawId = fields[idField];
    if (rawId === undefined || rawId === null || rawId === "") return bad(`missing id: no "${idField}" value`, idField);
    if (typeof rawId !== "string" && typeof rawId !== "number") return bad(`"${idField}" must be a string or a number, got ${typeof rawId}`, idField, rawId);
    externalId = String(rawId).trim();
    if (!externalId) return bad(`missing id: "${idField}" is blank`, idField);
    if (externalId.length > MAX_EXTERNAL_ID_CHARS) return bad(`id is longer than ${MAX_EXTERNAL_ID_CHARS} characters`, idField, externalId);
    const idProblem = stringProblem(externalId);
    if (idProblem) return bad(`id contains ${idProblem}`, idField, externalId);
  } else {
    // A pair's id covers its responses too: one prompt is often answered by many pairs.
    externalId = contentId(pair ? `${text}\u0000${pair.a}\u0000${pair.b}` : text, metadataJson);
  }
  return { ok: { line, externalId, text, metadata, metadataJson, ...(pair ? { pair } : {}) } };
}

/** A pairwise row's responses (both required, checked like the text) and its optional model names. */
function readPair(
  fields: Record<string, unknown>,
  options: ImportOptions,
  maxTextChars: number,
): { pair: RowPair } | { bad: { reason: string; field: string; value?: unknown } } {
  const sides: string[] = [];
  for (const [field, name] of [
    [options.aField, "response A"],
    [options.bField, "response B"],
  ] as const) {
    const v = fields[field];
    if (v === undefined || v === null || (typeof v === "string" && !v.trim())) return { bad: { reason: `missing ${name}: no "${field}" value`, field } };
    if (typeof v !== "string") return { bad: { reason: `"${field}" must be a string, got ${Array.isArray(v) ? "array" : typeof v}`, field, value: v } };
    if (v.length > maxTextChars)
      return {
        bad: { reason: `${name} is ${v.length.toLocaleString("en-US")} characters; the limit is ${maxTextChars.toLocaleString("en-US")}`, field, value: v },
      };
    const problem = stringProblem(v);
    if (problem) return { bad: { reason: `${name} contains ${problem}`, field, value: v } };
    sides.push(v);
  }
  const models: (string | null)[] = [];
  for (const field of [options.aModelField, options.bModelField]) {
    const v = field ? fields[field] : undefined;
    if (v === undefined || v === null || v === "") models.push(null);
    else if (typeof v !== "string" && typeof v !== "number") return { bad: { reason: `"${field}" must be a model name, got ${typeof v}`, field, value: v } };
    else {
      const name = String(v).trim().slice(0, 200);
      if (stringProblem(name)) return { bad: { reason: `"${field}" contains ${stringProblem(name)}`, field, value: name } };
      models.push(name || null);
    }
  }
  return { pair: { a: sides[0], b: sides[1], aModel: models[0], bModel: models[1] } };
}
