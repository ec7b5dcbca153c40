import { describe, expect, it } from "vitest";
import { checkLabelValue, readTableLabels } from "@/lib/imports/label-values";
import { readLabelStudioLabels, readLabelStudioTask } from "@/lib/imports/label-studio-task";
import { importOptionsSchema } from "@/lib/imports/schemas";
import { labelingConfig, resultsFromValue, valueFromResults } from "@/lib/label-studio/format";

const single = { taskType: "SINGLE_LABEL" as const, labels: ["positive", "negative"] };
const multi = { taskType: "MULTI_LABEL" as const, labels: ["billing", "bug", "praise"] };
const spans = { taskType: "SPANS" as const, labels: ["PER", "ORG"] };

describe("label cells", () => {
  it("reads single labels by name, ignoring case and edge spaces, and names the project's labels when one is unknown", () => {
    expect(checkLabelValue(" Positive ", single, "t")).toEqual({ value: { label: "positive" } });
    expect(checkLabelValue('{"label":"negative"}', single, "t")).toEqual({ value: { label: "negative" } });
    expect(checkLabelValue("neutral", single, "t")).toEqual({ error: "Unknown label: the project's labels are positive, negative" });
  });

  it("reads multi-labels from a|b lists, JSON arrays and objects, and refuses repeats", () => {
    expect(checkLabelValue("billing|Bug", multi, "t")).toEqual({ value: { labels: ["billing", "bug"] } });
    expect(checkLabelValue('["praise"]', multi, "t")).toEqual({ value: { labels: ["praise"] } });
    expect(checkLabelValue({ labels: [] }, multi, "t")).toEqual({ value: { labels: [] } });
    expect(checkLabelValue("bug;bug", multi, "t")).toMatchObject({ error: expect.stringContaining("listed twice") });
  });

  it("reads spans, fills in their text from the item, and refuses spans that do not quote it", () => {
    const text = "Ada works at IBM";
    expect(checkLabelValue('[{"label":"per","start":0,"end":3}]', spans, text)).toEqual({
      value: { spans: [{ label: "PER", start: 0, end: 3, text: "Ada" }] },
    });
    expect(checkLabelValue([{ label: "ORG", start: 13, end: 16, text: "IBX" }], spans, text)).toMatchObject({
      error: expect.stringContaining("not what the item has"),
    });
    expect(checkLabelValue([{ label: "ORG", start: 13, end: 40 }], spans, text)).toMatchObject({ error: expect.stringContaining("16 characters") });
  });

  it("reads a table row's label, prediction and confidence columns, blanks meaning none", () => {
    const options = importOptionsSchema.parse({ labelField: "gold", predictionField: "pred", predictionSource: "prod", predictionScoreField: "p" });
    expect(readTableLabels({ gold: "positive", pred: "negative", p: "0.7" }, "t", options, single)).toEqual({
      labels: { reference: { label: "positive" }, predictions: [{ value: { label: "negative" }, confidence: 0.7, source: "prod" }] },
    });
    expect(readTableLabels({ gold: "", pred: null }, "t", options, single)).toEqual({ labels: {} });
    expect(readTableLabels({ gold: "nope" }, "t", options, single)).toMatchObject({
      bad: { field: "gold", reason: expect.stringMatching(/^label: Unknown label/) },
    });
    expect(readTableLabels({ pred: "positive", p: "1.5" }, "t", options, single)).toEqual({
      bad: { field: "p", reason: "prediction confidence must be a number from 0 to 1" },
    });
  });
});

describe("Label Studio tasks", () => {
  const choices = (c: string[]) => [{ from_name: "sentiment", to_name: "text", type: "choices", value: { choices: c } }];

  it("keeps every annotation (the ground truth is the reference) and every model's prediction", () => {
    const task = {
      id: 7,
      data: { text: "great", lang: "en" },
      meta: { batch: 3 },
      annotations: [
        { result: choices(["Negative"]), was_cancelled: true },
        { result: choices(["negative"]), completed_by: { email: "ann@example.com" }, lead_time: 4.5, created_at: "2026-01-02T03:04:05Z" },
        { result: choices(["positive"]), ground_truth: true, completed_by: 12 },
      ],
      predictions: [
        { model_version: "v1", score: 0.4, result: choices(["negative"]) },
        { model_version: "v2", score: 0.9, result: choices(["positive"]) },
      ],
    };
    expect(readLabelStudioTask(task)).toEqual({ fields: { text: "great", lang: "en", label_studio_meta: { batch: 3 }, external_id: 7 } });
    const options = importOptionsSchema.parse({ layout: "LABEL_STUDIO" });
    expect(readLabelStudioLabels(task, "great", options, single)).toEqual({
      labels: {
        reference: { label: "positive" },
        annotations: [
          { value: { label: "negative" }, annotator: "ann@example.com", leadTime: 4.5, createdAt: "2026-01-02T03:04:05Z", groundTruth: false },
          { value: { label: "positive" }, annotator: "12", leadTime: null, createdAt: null, groundTruth: true },
        ],
        predictions: [
          { value: { label: "negative" }, confidence: 0.4, source: "v1" },
          { value: { label: "positive" }, confidence: 0.9, source: "v2" },
        ],
        dropped: [],
        addedLabels: [],
      },
    });
    const named = importOptionsSchema.parse({ layout: "LABEL_STUDIO", predictionSource: "v2" });
    expect(readLabelStudioLabels(task, "great", named, single).labels.predictions).toEqual([{ value: { label: "positive" }, confidence: 0.9, source: "v2" }]);
  });

  it("reads a task without a data wrapper, as Label Studio does", () => {
    expect(readLabelStudioTask({ id: 1, text: "no wrapper", lang: "de" })).toEqual({ fields: { text: "no wrapper", lang: "de", external_id: 1 } });
    expect(readLabelStudioTask({ data: "text" })).toEqual({ bad: { field: "data", reason: 'a Label Studio task\'s "data" must be an object' } });
  });

  it("keeps the task when an annotation cannot be read or names a label the project lacks, or adds the label when asked", () => {
    const options = importOptionsSchema.parse({ layout: "LABEL_STUDIO" });
    const empty = readLabelStudioLabels({ data: {}, annotations: [{ result: [] }] }, "t", options, single).labels;
    expect([empty.reference, empty.dropped]).toEqual([
      undefined,
      [{ field: "annotations", reason: "annotation 1 not imported: it has no choice; the task's text was" }],
    ]);
    const unknown = { data: {}, annotations: [{ result: choices(["class_TESTING"]) }], predictions: [{ result: choices(["positive"]), model_version: "m" }] };
    const skipped = readLabelStudioLabels(unknown, "t", options, { ...single, labels: [...single.labels] }).labels;
    expect(skipped.dropped).toEqual([{ field: "annotations", reason: expect.stringContaining('the project has no label "class_TESTING"') }]);
    expect(skipped.predictions).toHaveLength(1);
    const spec = { ...single, labels: [...single.labels] };
    const added = readLabelStudioLabels(unknown, "t", importOptionsSchema.parse({ layout: "LABEL_STUDIO", unknownLabels: "ADD" }), spec).labels;
    expect([added.reference, added.addedLabels, added.dropped]).toEqual([{ label: "class_TESTING" }, ["class_TESTING"], []]);
    expect(spec.labels).toContain("class_TESTING");
  });

  it("turns values into results and back, for every task type", () => {
    const cases = [
      [single, { label: "negative" }],
      [multi, { labels: ["bug", "praise"] }],
      [multi, { labels: [] }],
      [
        spans,
        {
          spans: [
            { label: "PER", start: 0, end: 3, text: "Ada" },
            { label: "ORG", start: 13, end: 16, text: "IBM" },
          ],
        },
      ],
    ] as const;
    for (const [spec, value] of cases) {
      const results = resultsFromValue(value, spec.taskType, "r");
      expect(valueFromResults(results, spec.taskType)).toEqual({ value });
    }
    expect(resultsFromValue({ spans: [{ label: "PER", start: 0, end: 3, text: "Ada" }] }, "SPANS", "g")).toEqual([
      { id: "g-0", from_name: "label", to_name: "text", type: "labels", value: { start: 0, end: 3, text: "Ada", labels: ["PER"] } },
    ]);
  });

  it("writes a labeling config whose tag names match the exported results", () => {
    expect(labelingConfig("SINGLE_LABEL", ["a", "b&c"])).toBe(
      [
        "<View>",
        '  <Text name="text" value="$text"/>',
        '  <Choices name="label" toName="text" choice="single">',
        '    <Choice value="a"/>',
        '    <Choice value="b&amp;c"/>',
        "  </Choices>",
        "</View>",
      ].join("\n"),
    );
    expect(labelingConfig("SPANS", ["PER"])).toContain('<Labels name="label" toName="text">');
  });
});
