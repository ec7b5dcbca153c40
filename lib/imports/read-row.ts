// One parsed record to one import row: the Label Studio task unwrapped (for that layout), the item
// normalized (lib/imports/normalize-row.ts) and its label columns read (lib/imports/label-values.ts).
import { excerptOf, safeJson, type BadRow, type NormalizedRow, type StoredImage } from "@/lib/imports/row-types";
import { normalizeRow } from "@/lib/imports/normalize-row";
import { readTableLabels, type LabelSpec } from "@/lib/imports/label-values";
import { LABEL_STUDIO_ID_FIELD } from "@/lib/label-studio/format";
import { readLabelStudioLabels, readLabelStudioTask } from "@/lib/imports/label-studio-task";
import type { ImportOptions } from "@/lib/imports/schemas";
import { ZIP_IMAGE } from "@/lib/imports/parse-zip";

/** Whether rows of this import carry labels at all (else the label columns are not read). */
export const readsLabels = (options: ImportOptions) => options.layout === "LABEL_STUDIO" || !!options.labelField || !!options.predictionField;

export function readRow(
  line: number,
  raw: Record<string, unknown>,
  options: ImportOptions,
  spec: LabelSpec,
  maxTextChars: number,
): { ok: NormalizedRow } | { bad: BadRow } {
  // A zip row's picture travels beside the fields, never into the metadata.
  const { [ZIP_IMAGE]: image, ...rest } = raw;
  // Without an id column, an image item's id is its path and its picture's hash: the same zip
  // imported again adds nothing, and another picture under the same name is another item.
  const withImage = (r: { ok: NormalizedRow }) => {
    if (!image) return r;
    const picture = image as StoredImage;
    const externalId = options.idField ? r.ok.externalId : `${picture.path.replace(/\.[^./]+$/, "").slice(-200)}-${picture.sha256.slice(0, 10)}`;
    return { ok: { ...r.ok, externalId, image: picture } };
  };
  let fields = rest;
  let rowOptions = options;
  if (options.layout === "LABEL_STUDIO") {
    const task = readLabelStudioTask(raw);
    if ("bad" in task) return { bad: { line, ...task.bad, excerpt: excerptOf(safeJson(raw)) } };
    fields = task.fields;
    // Without a chosen id field, the task's own id (Goldset's exports: the item's id) names the item.
    if (!options.idField && fields[LABEL_STUDIO_ID_FIELD] !== undefined) rowOptions = { ...options, idField: LABEL_STUDIO_ID_FIELD };
  }
  const row = normalizeRow(line, fields, rowOptions, maxTextChars);
  if ("bad" in row) return row;
  if (!readsLabels(options)) return withImage(row);
  const labels =
    options.layout === "LABEL_STUDIO" ? readLabelStudioLabels(raw, row.ok.text, options, spec) : readTableLabels(fields, row.ok.text, options, spec);
  if ("bad" in labels) return { bad: { line, ...labels.bad, excerpt: excerptOf(safeJson(fields[labels.bad.field] ?? raw[labels.bad.field] ?? "")) } };
  return withImage({ ok: { ...row.ok, labels: labels.labels } });
}
