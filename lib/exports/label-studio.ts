// An export row as a Label Studio task (https://labelstud.io/guide/task_format), made to go back into
// the Label Studio project it came from, or into a new one:
// - `data`: the text under the key the labeling config reads ($text unless the config or the
//   import said otherwise), the item's metadata fields as they came from `data`, and external_id
//   (Goldset reads it back as the item's id); `meta`: the task's own meta, as imported;
// - `annotations`: the gold (ground truth, when people settled one) and every annotation the
//   imported reference came from, with its lead time, date and annotator;
// - `predictions`: every prompt version's answer, each under its own model_version (an imported
//   model keeps its original name, never wrapped again), with its score;
// - regions named by the config's control and object tags (from_name, to_name), so Label Studio's
//   validator accepts them against that config.
import type { ExportRow } from "@/lib/exports/rows";
import { FROM_NAME, LABEL_STUDIO_ID_FIELD, LABEL_STUDIO_META_KEY, resultsFromValue, TO_NAME } from "@/lib/label-studio/format";
import type { TaskType } from "@/lib/values/value";

export type LabelStudioNames = { fromName: string; toName: string; textKey: string };
export const DEFAULT_NAMES: LabelStudioNames = { fromName: FROM_NAME, toName: TO_NAME, textKey: "text" };

/**
 * The names a labeling config uses: the first <Text name=".." value="$key"/> and the first
 * <Choices>/<Labels> control pointing at it. Null when the config has no such pair.
 */
export function namesFromConfig(config: string): LabelStudioNames | null {
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`).exec(tag)?.[1];
  const texts = [...config.matchAll(/<(?:Text|HyperText|Paragraphs)\b[^>]*>/g)].map((m) => ({ name: attr(m[0], "name"), value: attr(m[0], "value") }));
  const controls = [...config.matchAll(/<(?:Choices|Labels)\b[^>]*>/g)].map((m) => ({ name: attr(m[0], "name"), toName: attr(m[0], "toName") }));
  for (const c of controls) {
    const target = texts.find((t) => t.name === c.toName);
    if (c.name && target?.name && target.value?.startsWith("$")) return { fromName: c.name, toName: target.name, textKey: target.value.slice(1) };
  }
  return null;
}

const named = (regions: ReturnType<typeof resultsFromValue>, names: LabelStudioNames) =>
  regions.map((r) => ({ ...r, from_name: names.fromName, to_name: names.toName }));

function splitMetadata(metadata: unknown): { data: Record<string, unknown>; meta: Record<string, unknown> } {
  const { [LABEL_STUDIO_META_KEY]: meta, ...data } = (metadata && typeof metadata === "object" ? metadata : {}) as Record<string, unknown>;
  return { data, meta: meta && typeof meta === "object" ? (meta as Record<string, unknown>) : {} };
}

export function labelStudioTask(r: ExportRow, taskType: TaskType, names: LabelStudioNames = DEFAULT_NAMES) {
  const { data, meta } = splitMetadata(r.metadata);
  // Gold imported as gold is the reference it was; otherwise people's gold is the ground truth.
  const goldIsReference = r.goldSource === "IMPORTED" && r.reference !== null && r.reference !== undefined;
  const gold = r.gold === null || r.gold === undefined || goldIsReference ? null : r.gold;
  const references =
    r.referenceAnnotations ?? (r.reference ? [{ value: r.reference, annotator: null, leadTime: null, createdAt: null, groundTruth: true }] : []);
  const annotations = [
    ...(gold === null
      ? []
      : [{ result: named(resultsFromValue(gold, taskType, `gold-${r.id}`), names), ground_truth: true, was_cancelled: false, goldset_source: r.goldSource }]),
    ...references.map((a, i) => ({
      result: named(resultsFromValue(a.value, taskType, `reference-${r.id}-${i}`), names),
      ground_truth: gold === null && a.groundTruth,
      was_cancelled: false,
      ...(a.leadTime === null ? {} : { lead_time: a.leadTime }),
      ...(a.createdAt === null ? {} : { created_at: a.createdAt }),
    })),
  ];
  const suggestions =
    r.allSuggestions ??
    (r.suggestion === null || r.suggestion === undefined
      ? []
      : [{ value: r.suggestion, score: r.confidence, model: r.model ?? "goldset", number: r.promptVersion ?? 0, external: null }]);
  return {
    id: r.id,
    data: { ...data, [names.textKey]: r.text, [LABEL_STUDIO_ID_FIELD]: r.externalId },
    meta: { ...meta, ...(r.origin === "SYNTHETIC" ? { goldset_origin: "SYNTHETIC" } : {}) },
    annotations,
    predictions: suggestions.map((s) => ({
      result: named(resultsFromValue(s.value, taskType, `suggestion-${r.id}-v${s.number}`), names),
      ...(s.score === null ? {} : { score: s.score }),
      model_version: s.external ?? `goldset-v${s.number} (${s.model})`,
    })),
  };
}
