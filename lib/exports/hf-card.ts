// The Hugging Face dataset folder's rows and card. The card's YAML header is what a Hub dataset
// page and `datasets.load_dataset` read: pretty name, licence, languages, task categories, size,
// the splits' files, and `dataset_info.features` with the labels as a ClassLabel. Every column has
// one type in every row (Arrow infers a schema from the rows and fails when a type changes), so
// the free-form parts (metadata, decisions) are JSON strings, and labels are ClassLabel indexes.
import type { ExportOptions } from "@/lib/exports/options";
import type { ExportRow } from "@/lib/exports/rows";
import { parseValue, type TaskType } from "@/lib/values/value";
import { taskTypeDef } from "@/lib/task-types";

/** The answer in the ClassLabel's terms (the task type's encoding: an index, indexes, or spans with an index each). */
function encode(value: unknown, taskType: TaskType, index: Map<string, number>) {
  if (value === null || value === undefined) return null;
  return taskTypeDef(taskType).huggingFace.encode(parseValue(taskType, value), index);
}

const answerColumn = (taskType: TaskType) => taskTypeDef(taskType).field;

const EXTENSIONS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/gif": "gif" };

/** Where an image item's picture is in the folder, beside its split's metadata.jsonl (the Hub's imagefolder layout). */
export const imageFileName = (image: { sha256: string; contentType: string }) => `images/${image.sha256}.${EXTENSIONS[image.contentType] ?? "bin"}`;

/** One row of the folder's data files for a labeling project (not pairs: those are DPO records). */
export function hfRecord(r: ExportRow, taskType: TaskType, labels: string[]) {
  const index = new Map(labels.map((l, i) => [l, i]));
  const answer = answerColumn(taskType);
  return {
    // imagefolder: file_name (relative to metadata.jsonl) becomes the `image` column.
    ...(r.image ? { file_name: imageFileName(r.image) } : {}),
    id: r.externalId,
    text: r.text,
    [answer]: encode(r.gold, taskType, index),
    label_source: r.goldSource,
    [`reference_${answer}`]: encode(r.reference, taskType, index),
    [`suggested_${answer}`]: encode(r.suggestion, taskType, index),
    confidence: r.confidence,
    prompt_version: r.promptVersion,
    model: r.model,
    origin: r.origin,
    blind: r.blind,
    metadata: JSON.stringify(r.metadata ?? {}),
    decisions: JSON.stringify(r.decisions),
  };
}

const q = (s: string) => JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar

function classLabel(labels: string[], indent: string): string[] {
  return [`${indent}class_label:`, `${indent}  names:`, ...labels.map((l, i) => `${indent}    '${i}': ${q(l)}`)];
}

const answerFeature = (name: string, taskType: TaskType, labels: string[]): string[] =>
  taskTypeDef(taskType).huggingFace.feature(name, (indent) => classLabel(labels, indent), labels);

const scalar = (name: string, dtype: string) => [`  - name: ${name}`, `    dtype: ${dtype}`];

function features(taskType: TaskType, labels: string[], pairs: boolean): string[] {
  if (pairs) return ["prompt", "chosen", "rejected", "chosen_model", "rejected_model", "gold_source", "origin"].flatMap((n) => scalar(n, "string"));
  const answer = answerColumn(taskType);
  return [
    ...scalar("id", "string"),
    ...scalar("text", "string"),
    ...answerFeature(answer, taskType, labels),
    ...scalar("label_source", "string"),
    ...answerFeature(`reference_${answer}`, taskType, labels),
    ...answerFeature(`suggested_${answer}`, taskType, labels),
    ...scalar("confidence", "float64"),
    ...scalar("prompt_version", "int64"),
    ...scalar("model", "string"),
    ...scalar("origin", "string"),
    ...scalar("blind", "bool"),
    ...scalar("metadata", "string"),
    ...scalar("decisions", "string"),
  ];
}

export function sizeCategory(n: number): string {
  const bands: [number, string][] = [
    [1e3, "n<1K"],
    [1e4, "1K<n<10K"],
    [1e5, "10K<n<100K"],
    [1e6, "100K<n<1M"],
    [1e7, "1M<n<10M"],
    [1e8, "10M<n<100M"],
  ];
  return bands.find(([limit]) => n < limit)?.[1] ?? "100M<n<1B";
}

/** A prompt version behind the suggestions, with where it came from (lib/alignment adds `provenance`). */
export type CardVersion = { number: number; modelId: string; strategy: string; trial: boolean; provenance: unknown };

export type CardInput = {
  /** Absent: the card has no prompt versions section. */
  versions?: CardVersion[];
  name: string;
  taskType: TaskType;
  labels: string[];
  splits: string[];
  counts: Map<string, Map<string, number>>;
  rowsPerSplit: Map<string, number>;
  pairs: boolean;
  options: ExportOptions;
};

/** An image project's folder is the Hub's imagefolder: data/<split>/metadata.jsonl beside data/<split>/images/. */
export const imagesIn = (c: Pick<CardInput, "taskType">) => taskTypeDef(c.taskType).content === "image";

export function cardYaml(c: CardInput): string {
  const total = [...c.rowsPerSplit.values()].reduce((a, b) => a + b, 0);
  const task = taskTypeDef(c.taskType).huggingFace;
  return [
    "---",
    `pretty_name: ${q(c.name.replaceAll("\n", " "))}`,
    `license: ${c.options.license}`,
    ...(c.options.languages.length ? ["language:", ...c.options.languages.map((l) => `- ${l}`)] : []),
    "task_categories:",
    ...task.categories.map((t) => `- ${t}`),
    ...(task.ids.length && !c.pairs ? ["task_ids:", ...task.ids.map((t) => `- ${t}`)] : []),
    "size_categories:",
    `- ${sizeCategory(total)}`,
    "tags:",
    "- goldset",
    "- llm-annotation",
    "configs:",
    "- config_name: default",
    "  data_files:",
    ...c.splits.flatMap((s) => [`  - split: ${s}`, `    path: ${imagesIn(c) ? `data/${s}/**` : `data/${s}.jsonl`}`]),
    "dataset_info:",
    "  features:",
    ...(imagesIn(c) ? scalar("image", "image") : []),
    ...features(c.taskType, c.labels, c.pairs),
    "  splits:",
    ...c.splits.flatMap((s) => [`  - name: ${s}`, `    num_examples: ${c.rowsPerSplit.get(s) ?? 0}`]),
    "---",
  ].join("\n");
}

const ROWS_DESCRIBED = `Exported from Goldset. Each record: \`id\`, \`text\`, the reviewed answer (\`label\`, \`labels\` or
\`spans\`, as indexes of the label names in the header) and where it came from (\`label_source\`), a
label imported as a reference (\`reference_label\` and so on), the
LLM's suggestion the same way with its \`confidence\`, \`prompt_version\` and \`model\`, \`origin\` (REAL
or SYNTHETIC), \`blind\` (reviewed without seeing the suggestion), and \`metadata\` and every reviewer's
\`decisions\` as JSON strings (so each column has one type in every row: \`json.loads\` them).`;
const PAIRS_DESCRIBED = `Exported from Goldset: preference pairs in the format TRL's DPO trainer reads. Each record:
\`prompt\`, \`chosen\` and \`rejected\` (the responses people preferred and did not), \`chosen_model\` and
\`rejected_model\` when known, \`gold_source\` and \`origin\`. Pairs judged a tie or both bad are left out.`;

export function datasetCard(c: CardInput): string {
  const rows = c.labels.map((l) => `| ${l.replaceAll("|", "\\|")} | ${c.splits.map((s) => c.counts.get(s)?.get(l) ?? 0).join(" | ")} |`);
  return `${cardYaml(c)}

# ${c.name.replaceAll("\n", " ")}

${c.pairs ? PAIRS_DESCRIBED : ROWS_DESCRIBED}

## Labels

| label | ${c.splits.join(" | ")} |
|---|${c.splits.map(() => "---").join("|")}|
${rows.join("\n")}

## Splits

${c.splits.map((s) => `- ${s}: ${c.rowsPerSplit.get(s) ?? 0} rows`).join("\n")}
${c.versions?.length ? `\n## Prompt versions\n\n\`prompt_version\` in the records is one of these.\n\n${c.versions.map(versionLine).join("\n")}\n` : ""}`;
}

type Provenance = {
  kind?: string;
  parentNumber?: number;
  corrections?: number;
  proposerModel?: string;
  proposedAt?: string;
  edited?: boolean;
  test?: { n: number; onlyParent: number; onlyCandidate: number; pValue: number; alpha: number; significant: boolean };
};

/** One version in a line: its model and strategy, and for a version proposed from corrections, how it was made and tested. */
export function versionLine(v: CardVersion): string {
  const head = `- version ${v.number}: ${v.modelId}, ${v.strategy.toLowerCase().replaceAll("_", " ")}`;
  const p = v.provenance as Provenance | null;
  if (p?.kind !== "proposed-from-corrections") return head;
  const made = `proposed by ${p.proposerModel} from ${p.corrections} corrections of version ${p.parentNumber} on ${p.proposedAt?.slice(0, 10)}${p.edited ? ", edited by a lead" : ""}`;
  const t = p.test;
  const tested = t
    ? `; on ${t.n} held-out gold items it alone was right on ${t.onlyCandidate} and version ${p.parentNumber} alone on ${t.onlyParent} (McNemar one-sided p = ${t.pValue.toPrecision(2)}, level ${t.alpha})`
    : "; not tested";
  return `${head}, ${made}${tested}${v.trial ? " (a candidate not in use: its answers are not the records' suggestions)" : ""}`;
}
