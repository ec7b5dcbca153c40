// Turns a parsed record into an item (externalId, text, metadata) or a bad row with its reason.
import crypto from "node:crypto";
import { excerptOf, type BadRow, type NormalizedRow } from "@/lib/imports/row-types";
import type { ImportOptions } from "@/lib/imports/schemas";

export const MAX_EXTERNAL_ID_CHARS = 256;

// PostgreSQL text and jsonb cannot hold U+0000; a row with one would fail its whole chunk.
const hasNul = (s: string) => s.includes("\u0000");

/**
 * Ids missing from the file are derived from the content, so importing the same file again
 * finds the same ids and adds nothing.
 */
export function contentId(text: string, metadata: Record<string, unknown>): string {
  const h = crypto.createHash("sha256").update(text).update("\u0000").update(JSON.stringify(metadata)).digest("hex");
  return `sha256-${h.slice(0, 24)}`;
}

export function normalizeRow(
  line: number,
  fields: Record<string, unknown>,
  options: ImportOptions,
  maxTextChars: number,
): { ok: NormalizedRow } | { bad: BadRow } {
  const bad = (reason: string, field?: string, value?: unknown): { bad: BadRow } => ({
    bad: { line, reason, field, excerpt: excerptOf(typeof value === "string" ? value : JSON.stringify(value ?? fields) ?? "") },
  });
  const { textField, idField } = options;

  const rawText = fields[textField];
  if (rawText === undefined || rawText === null) return bad(`missing text: no "${textField}" field`, textField);
  if (typeof rawText !== "string") return bad(`"${textField}" must be a string, got ${Array.isArray(rawText) ? "array" : typeof rawText}`, textField, rawText);
  const text = rawText;
  if (!text.trim()) return bad(`missing text: "${textField}" is empty`, textField);
  if (text.length > maxTextChars) return bad(`text is ${text.length.toLocaleString("en-US")} characters; the limit is ${maxTextChars.toLocaleString("en-US")}`, textField, text);
  if (hasNul(text)) return bad("text contains a NUL character (U+0000), which cannot be stored", textField, text);

  const metadata: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) if (k !== textField && k !== idField) metadata[k] = v;
  const metadataJson = JSON.stringify(metadata);
  if (metadataJson.includes("\\u0000")) return bad("metadata contains a NUL character (U+0000), which cannot be stored", undefined, metadata);

  let externalId: string;
  if (idField) {
    const rawId = fields[idField];
    if (rawId === undefined || rawId === null || rawId === "") return bad(`missing id: no "${idField}" value`, idField);
    if (typeof rawId !== "string" && typeof rawId !== "number") return bad(`"${idField}" must be a string or a number, got ${typeof rawId}`, idField, rawId);
    externalId = String(rawId).trim();
    if (!externalId) return bad(`missing id: "${idField}" is blank`, idField);
    if (externalId.length > MAX_EXTERNAL_ID_CHARS) return bad(`id is longer than ${MAX_EXTERNAL_ID_CHARS} characters`, idField, externalId);
    if (hasNul(externalId)) return bad("id contains a NUL character (U+0000)", idField, externalId);
  } else {
    externalId = contentId(text, metadata);
  }
  return { ok: { line, externalId, text, metadata, metadataJson } };
}
