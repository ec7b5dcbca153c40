// Entities in the text ({"spans": [{label, start, end, text}]}): offsets are characters of the
// item's text, end exclusive, and `text` must be what the item has there, so a stored span can
// never break the metrics or an export. A span is its offsets and label; their order does not matter.
import { z } from "zod";
import { INT4_MAX } from "@/lib/validation";
import { byCodePoint, ValueShapeError, type Span, type SuggestionValue, type TaskTypeDef } from "@/lib/task-types/types";

export const MAX_SPANS = 1000;

const isSpan = (s: unknown): s is Span => {
  const x = s as Span | null;
  return !!x && typeof x.label === "string" && typeof x.start === "number" && typeof x.end === "number" && typeof x.text === "string";
};

const spansOf = (value: SuggestionValue) => {
  if (!("spans" in value)) throw new ValueShapeError(`Not a {spans} value: ${JSON.stringify(value).slice(0, 120)}`);
  return value.spans;
};

/** Offsets must match the quoted text; if they do not, use the occurrence of the quote nearest to them. */
export function repairSpan(itemText: string, s: Span): Span | null {
  if (s.end > s.start && itemText.slice(s.start, s.end) === s.text) return s;
  let best = -1;
  for (let at = itemText.indexOf(s.text); at !== -1; at = itemText.indexOf(s.text, at + 1)) {
    if (best === -1 || Math.abs(at - s.start) < Math.abs(best - s.start)) best = at;
  }
  return best === -1 ? null : { ...s, start: best, end: best + s.text.length };
}

export const spans: TaskTypeDef = {
  name: "SPANS",
  title: "Spans (named entities)",
  field: "spans",
  singleValued: false,
  content: "text",
  criteria: false,
  fixedLabels: false,
  minLabels: 1,
  review: { heading: "Select text, then a label", keyAction: " for the selected text" },
  promptHint: "Mark every entity: its label, its character offsets in the item text (0-based, end exclusive), and its exact text.",
  fineTuneHint: 'Answer with the entities as JSON: {"spans": [{"label", "start", "end", "text"}]}.',
  huggingFace: {
    categories: ["token-classification"],
    ids: ["named-entity-recognition"],
    feature: (name, classLabel) => [
      `  - name: ${name}`,
      "    list:",
      "    - name: start",
      "      dtype: int64",
      "    - name: end",
      "      dtype: int64",
      "    - name: label",
      "      dtype:",
      ...classLabel("        "),
      "    - name: text",
      "      dtype: string",
    ],
    encode: (value, index) => spansOf(value).map((s) => ({ start: s.start, end: s.end, label: index.get(s.label) ?? null, text: s.text })),
  },
  metrics: "spans",
  capabilities: { learner: false, synthesis: false, autoAccept: true, pairwiseJudge: false, labelStudio: true, fineTune: true },
  parse(raw) {
    const v = raw as Record<string, unknown> | null;
    if (v && typeof v === "object" && Array.isArray(v.spans) && v.spans.every(isSpan)) return { spans: v.spans };
    throw new ValueShapeError(`Not a SPANS value: ${String(JSON.stringify(raw)).slice(0, 120)}`);
  },
  key: (value) =>
    [...spansOf(value)]
      .sort((a, b) => a.start - b.start || a.end - b.end || byCodePoint(a.label, b.label))
      .map((s) => `${s.start}:${s.end}:${s.label}`)
      .join("|"),
  labelNames: (value) => spansOf(value).map((s) => s.label),
  decisionSchema(label, itemText) {
    const offset = z.number().int("Offsets are whole numbers").min(0, "Offsets start at 0").max(INT4_MAX);
    const span = z.object({ label, start: offset, end: offset, text: z.string().max(100_000) }).superRefine((s, ctx) => {
      if (s.end <= s.start) return void ctx.addIssue({ code: "custom", path: ["end"], message: "A span ends after it starts" });
      if (itemText === undefined) return;
      if (s.end > itemText.length) return void ctx.addIssue({ code: "custom", path: ["end"], message: `The item's text has ${itemText.length} characters` });
      if (itemText.slice(s.start, s.end) !== s.text)
        ctx.addIssue({ code: "custom", path: ["text"], message: "The text is not what the item has at these offsets" });
    });
    return z.object({ spans: z.array(span).max(MAX_SPANS, `At most ${MAX_SPANS} spans`) });
  },
  toolProperties: (labelEnum) => ({
    spans: {
      type: "array",
      description: "Every entity in the item: its label, its character offsets in the item text (end exclusive), and its exact text.",
      items: {
        type: "object",
        properties: {
          label: labelEnum,
          start: { type: "integer", description: "0-based offset of the first character." },
          end: { type: "integer", description: "Offset just past the last character." },
          text: { type: "string" },
        },
        required: ["label", "start", "end", "text"],
        additionalProperties: false,
      },
    },
  }),
  answerShape: (label) => ({
    spans: z.array(z.object({ label, start: z.number().int().min(0), end: z.number().int().min(0), text: z.string().min(1) })).max(500),
  }),
  fromCell: (v) => (Array.isArray(v) ? { spans: v } : v),
  // <Labels> regions: one per span and label, with the span's offsets and text.
  labelStudio: {
    control: { tag: "Labels" },
    fromRegions(regions) {
      const found: Span[] = [];
      for (const r of regions.filter((r) => r.type === "labels")) {
        const v = r.value ?? {};
        if (!Array.isArray(v.labels)) return { error: "a labels region has no labels list" };
        if (typeof v.start !== "number" || typeof v.end !== "number")
          return { error: "a labels region has no numeric start and end (only text regions can be imported)" };
        for (const label of v.labels) found.push({ label: String(label), start: v.start, end: v.end, text: typeof v.text === "string" ? v.text : "" });
      }
      return { spans: found };
    },
    toRegions: (value) => spansOf(value).map((s) => ({ type: "labels", value: { start: s.start, end: s.end, text: s.text, labels: [s.label] } })),
  },
  answerValue(answer, itemText) {
    const fixed: Span[] = [];
    for (const s of answer.spans as Span[]) {
      const span = repairSpan(itemText, s);
      if (!span) return { error: `span "${s.text.slice(0, 40)}" (${s.start}-${s.end}) does not occur in the item` };
      fixed.push(span);
    }
    return { spans: fixed };
  },
};
