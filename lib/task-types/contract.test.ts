// Every task type goes through the same contract: a new type that passes it works everywhere the
// registry is asked (values stored and read, "the same answer" in TypeScript and SQL, the model's
// strict tool, imports and exports). Adding a type means adding its fixture below: the first test
// fails until then.
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { keyOf, shapeOf, taskTypeDef, TASK_TYPE_NAMES, TASK_TYPES, ValueShapeError, type Scales, type SuggestionValue, type TaskType } from "@/lib/task-types";
import { taskTypeSql } from "@/lib/task-types/sql";
import { decisionValueSchema } from "@/lib/values/schema";
import { toolFor, validateAnswer } from "@/lib/llm/output-schema";
import { strictSchemaProblems, strictToolLimits } from "@/lib/testing/fake-anthropic/strict-schema";
import { jsonlRecord } from "@/lib/exports/formats";
import type { ExportRow } from "@/lib/exports/rows";
import { checkLabelValue } from "@/lib/imports/label-values";
import { resultsFromValue, valueFromResults } from "@/lib/label-studio/format";
import { parse as parseYaml } from "yaml";

type Fixture = {
  labels: string[];
  /** A rubric's scales per criterion (the other types have none). */
  scales?: Scales;
  text: string;
  /** Valid values; two of them are the same answer written differently where the type allows it. */
  values: SuggestionValue[];
  sameAnswers?: [SuggestionValue, SuggestionValue];
  /** Stored JSON that is not this type's shape. */
  wrongShape: unknown;
  /** The type's shape with a label the project does not have: refused when submitted. */
  unknownLabel: unknown;
  /** What the model's tool returns, and the value it becomes. */
  answer: Record<string, unknown>;
  answerValue: SuggestionValue;
};

const TEXT = "Ada Lovelace met Charles Babbage in London.";
const span = (label: string, text: string) => ({ label, start: TEXT.indexOf(text), end: TEXT.indexOf(text) + text.length, text });

const FIXTURES: Record<TaskType, Fixture> = {
  SINGLE_LABEL: {
    labels: ["positive", "negative", "é|odd"],
    text: TEXT,
    values: [{ label: "positive" }, { label: "é|odd" }],
    wrongShape: { labels: ["positive"] },
    unknownLabel: { label: "Positive" },
    answer: { rationale: "Warm.", label: "positive", confidence: 0.9 },
    answerValue: { label: "positive" },
  },
  MULTI_LABEL: {
    labels: ["billing", "urgent", "Bug"],
    text: TEXT,
    values: [{ labels: [] }, { labels: ["urgent", "billing"] }, { labels: ["Bug"] }],
    sameAnswers: [{ labels: ["urgent", "billing"] }, { labels: ["billing", "urgent"] }],
    wrongShape: { label: "billing" },
    unknownLabel: { labels: ["billing", "later"] },
    answer: { rationale: "Two.", labels: ["urgent", "billing", "urgent"], confidence: 0.7 },
    answerValue: { labels: ["urgent", "billing"] },
  },
  SPANS: {
    labels: ["PER", "LOC"],
    text: TEXT,
    values: [{ spans: [] }, { spans: [span("PER", "Ada Lovelace"), span("LOC", "London")] }],
    sameAnswers: [{ spans: [span("PER", "Ada Lovelace"), span("LOC", "London")] }, { spans: [span("LOC", "London"), span("PER", "Ada Lovelace")] }],
    wrongShape: { spans: [{ label: "PER", start: "0" }] },
    unknownLabel: { spans: [span("ORG", "London")] },
    // Offsets off by one: repaired to the quoted text's nearest occurrence.
    answer: { rationale: "Names.", spans: [{ label: "PER", start: 18, end: 33, text: "Charles Babbage" }], confidence: 0.8 },
    answerValue: { spans: [span("PER", "Charles Babbage")] },
  },
  PAIRWISE: {
    labels: ["A", "B", "tie", "both_bad"],
    text: "Which reply is kinder?",
    values: [{ label: "A" }, { label: "tie" }],
    wrongShape: { label: 1 },
    unknownLabel: { label: "C" },
    answer: { rationale: "A is kind.", label: "A", confidence: 0.6 },
    answerValue: { label: "A" },
  },
  // An image item's text is its file name; the value is a classification's.
  IMAGE_CLASSIFICATION: {
    labels: ["cat", "dog", "é|odd"],
    text: "photos/cat-01.png",
    values: [{ label: "cat" }, { label: "é|odd" }],
    wrongShape: { labels: ["cat"] },
    unknownLabel: { label: "Cat" },
    answer: { rationale: "Whiskers.", label: "cat", confidence: 0.9 },
    answerValue: { label: "cat" },
  },
  IMAGE_MULTI_LABEL: {
    labels: ["outdoor", "people", "Animal"],
    text: "photos/park.jpg",
    values: [{ labels: [] }, { labels: ["people", "outdoor"] }, { labels: ["Animal"] }],
    sameAnswers: [{ labels: ["people", "outdoor"] }, { labels: ["outdoor", "people"] }],
    wrongShape: { label: "outdoor" },
    unknownLabel: { labels: ["outdoor", "indoor"] },
    answer: { rationale: "A park.", labels: ["outdoor", "people", "outdoor"], confidence: 0.7 },
    answerValue: { labels: ["outdoor", "people"] },
  },
  RATING: {
    labels: ["clarity", "accuracy", "é|odd"],
    // accuracy keeps the default 1-5; "é|odd" is a 0-2 scale.
    scales: { clarity: { min: 1, max: 7, anchors: ["unreadable", "", "", "", "", "", "crystal clear"] }, "é|odd": { min: 0, max: 2, anchors: [] } },
    text: TEXT,
    values: [
      { scores: { clarity: 7, accuracy: 5, "é|odd": 0 } },
      { scores: { clarity: 1, accuracy: 5, "é|odd": 0 } },
      { scores: { clarity: 5, accuracy: 1, "é|odd": 2 } },
    ],
    sameAnswers: [{ scores: { clarity: 3, accuracy: 2, "é|odd": 1 } }, { scores: { "é|odd": 1, accuracy: 2, clarity: 3 } }],
    wrongShape: { scores: { clarity: "4" } },
    unknownLabel: { scores: { clarity: 4, accuracy: 4, "é|odd": 1, tone: 3 } },
    answer: { rationale: "Clear and right.", scores: { clarity: 6, accuracy: 5, "é|odd": 2 }, confidence: 0.5 },
    answerValue: { scores: { clarity: 6, accuracy: 5, "é|odd": 2 } },
  },
};

function exportRow(gold: SuggestionValue, text: string): ExportRow {
  return { externalId: "x1", text, metadata: {}, origin: "REAL", gold, goldSource: "AGREEMENT", suggestion: null, decisions: [] } as unknown as ExportRow;
}

describe("task types", () => {
  it("are all registered, each under its own name, and an unknown type or value shape is an error", () => {
    expect(Object.keys(TASK_TYPES).sort()).toEqual([...TASK_TYPE_NAMES].sort());
    expect(Object.keys(FIXTURES).sort()).toEqual([...TASK_TYPE_NAMES].sort());
    for (const name of TASK_TYPE_NAMES) {
      const def = taskTypeDef(name);
      expect(def.name).toBe(name);
      // A capability is what the module can do: Label Studio only with a mapping.
      expect(def.capabilities.labelStudio, name).toBe(def.labelStudio !== null);
    }
    expect(() => taskTypeDef("IMAGES")).toThrow(/Unknown task type/);
    for (const odd of [null, undefined, "spam", 3, {}, { value: "x" }]) expect(() => keyOf(odd), JSON.stringify(odd)).toThrow(ValueShapeError);
    expect(() => shapeOf({ other: 1 })).toThrow(ValueShapeError);
  });

  for (const name of TASK_TYPE_NAMES) {
    const f = FIXTURES[name];
    const def = TASK_TYPES[name];

    describe(name, () => {
      it("stores and reads its values: what a person may submit survives JSON and parses back with the same key", () => {
        for (const v of f.values) {
          const submitted = decisionValueSchema(name, f.labels, f.text, f.scales).parse(v);
          const stored = JSON.parse(JSON.stringify(submitted));
          const read = def.parse(stored);
          expect(read).toEqual(v);
          expect(def.key(read)).toBe(keyOf(stored));
          expect(def.labelNames(read).every((l) => f.labels.includes(l))).toBe(true);
        }
        expect(() => def.parse(f.wrongShape)).toThrow(ValueShapeError);
        expect(decisionValueSchema(name, f.labels, f.text, f.scales).safeParse(f.unknownLabel).success).toBe(false);
      });

      it("has one key in TypeScript and SQL, and the key ignores only what the type says does not matter", async () => {
        const database = await getDatabase();
        for (const v of f.values) {
          const [row] = await database.query<{ k: string }>(sql`SELECT ${taskTypeSql(name).key(sql`${JSON.stringify(v)}::jsonb`)} AS k`);
          expect(row.k, JSON.stringify(v)).toBe(def.key(v));
        }
        const keys = f.values.map((v) => def.key(v));
        expect(new Set(keys).size).toBe(keys.length); // different answers, different keys
        if (f.sameAnswers) expect(def.key(f.sameAnswers[0])).toBe(def.key(f.sameAnswers[1]));
      });

      it("gives the model a tool the strict API accepts, and reads its answer", () => {
        const tool = toolFor(name, f.labels, { rationale: true, scales: f.scales }, true);
        expect(strictSchemaProblems(tool.input_schema)).toEqual([]);
        expect(strictToolLimits([tool])).toBeNull();
        expect(Object.keys(tool.input_schema.properties)[0]).toBe("rationale"); // written before the answer
        const read = validateAnswer(name, f.labels, f.text, f.answer, { rationale: true, scales: f.scales });
        expect(read).toMatchObject({ ok: true, value: f.answerValue });
        expect(validateAnswer(name, f.labels, f.text, { ...f.answer, confidence: 2 }, { rationale: true, scales: f.scales }).ok).toBe(false);
      });

      it("describes its answer column to Hugging Face, and every value fits that feature", () => {
        const lines = def.huggingFace.feature(
          "answer",
          (indent) => [`${indent}class_label:`, `${indent}  names:`, ...f.labels.map((l, i) => `${indent}    '${i}': ${JSON.stringify(l)}`)],
          f.labels,
        );
        const [feature] = parseYaml(["features:", ...lines].join("\n")).features as Record<string, unknown>[];
        expect(feature.name).toBe("answer");
        const index = new Map(f.labels.map((l, i) => [l, i]));
        const isIndex = (x: unknown) => Number.isInteger(x) && (x as number) >= 0 && (x as number) < f.labels.length;
        for (const v of f.values) {
          const encoded = def.huggingFace.encode(v, index);
          if ("dtype" in feature) expect(isIndex(encoded), JSON.stringify(v)).toBe(true);
          else if ("struct" in feature) {
            // One whole number per criterion, every criterion in every row.
            const fields = (feature.struct as { name: string; dtype: string }[]).map((x) => x.name);
            expect(fields).toEqual(f.labels);
            expect(Object.keys(encoded as object)).toEqual(f.labels);
            expect(Object.values(encoded as object).every((x) => Number.isInteger(x))).toBe(true);
          } else if ("sequence" in feature) expect(Array.isArray(encoded) && encoded.every(isIndex), JSON.stringify(v)).toBe(true);
          else {
            const fields = (feature.list as { name: string }[]).map((x) => x.name);
            expect(Array.isArray(encoded), JSON.stringify(v)).toBe(true);
            for (const item of encoded as Record<string, unknown>[]) expect(Object.keys(item).sort()).toEqual([...fields].sort());
          }
        }
      });

      it("goes out in an export and comes back in through an import as the same answer", () => {
        for (const v of f.values) {
          const line = JSON.parse(JSON.stringify(jsonlRecord(exportRow(v, f.text))));
          const back = checkLabelValue(line.gold, { taskType: name, labels: f.labels, scales: f.scales }, f.text);
          expect(back, JSON.stringify(v)).toEqual({ value: expect.anything() });
          expect(def.key((back as { value: SuggestionValue }).value)).toBe(def.key(v));
          if (!def.capabilities.labelStudio) continue;
          const regions = resultsFromValue(v, name, "r");
          const fromLabelStudio = valueFromResults(JSON.parse(JSON.stringify(regions)), name);
          expect(fromLabelStudio, JSON.stringify(v)).toEqual({ value: expect.anything() });
          expect(def.key((fromLabelStudio as { value: SuggestionValue }).value)).toBe(def.key(v));
        }
      });
    });
  }
});
