// Quality by slice: the model's accuracy and people's agreement broken down by one field of the
// items (a metadata key the lead picks, or the text's length, or the month it was imported), each
// slice tested against the rest (lib/stats/slices.ts), and the blind slice's make-up against the
// project's on the same field, so a lead sees whether the measurement represents the data.
// The database groups; at most MAX_SLICES slices plus "(other)" come back, whatever the size.
import { join, sql, type Sql } from "@/lib/db/sql";
import type { ProjectAccess } from "@/lib/auth/access";
import { AppError } from "@/lib/errors";
import { canonicalSql } from "@/lib/gold/canonical";
import { byItemsLabeled, versionSummaries } from "@/lib/prompts/versions";
import { goldWithSuggestion, sqlRunner } from "@/lib/metrics/queries";
import { makeUpTest, testSlices, type SliceReport } from "@/lib/stats/slices";
import { wilson, type Interval } from "@/lib/stats/measures";
import type { TaskType } from "@/lib/values/value";

/** Slices shown by name; the rest are pooled as "(other)" so many tiny slices do not drown the test. */
export const MAX_SLICES = 20;
export const OTHER = "(other)";
export const NONE = "(none)";

/** Fields every project has; a metadata key is named as it is in the items. */
export const BUILT_IN_FIELDS = { "@length": "Length of the text", "@month": "Month imported", "@import": "Import file" } as const;

export type SliceField = { key: string; label: string };

/** Items a field's kind and numeric cut points are read from: the project's first ones, by an index. */
const SAMPLE = 20_000;

/** The fields a lead can slice by: the built-in ones and the metadata keys of a sample of the items. */
export async function sliceFields(projectId: string): Promise<SliceField[]> {
  const run = await sqlRunner();
  const keys = await run<{ key: string }>(
    sql`SELECT DISTINCT k AS key FROM (SELECT metadata FROM "Item" WHERE "projectId" = ${projectId} ORDER BY id LIMIT ${SAMPLE}) i,
          jsonb_object_keys(CASE WHEN jsonb_typeof(i.metadata) = 'object' THEN i.metadata ELSE '{}'::jsonb END) k ORDER BY 1 LIMIT 200`,
  );
  return [...Object.entries(BUILT_IN_FIELDS).map(([key, label]) => ({ key, label })), ...keys.map(({ key }) => ({ key, label: key }))];
}

/** `byValue`: slices of a number or a date read in their order; others by size, the largest first. */
type Bucketing = { expression: Sql; labelOf: (key: string) => string; byValue?: boolean };

/** A number's slices are its quintiles (cut points from the sample, rounded to two digits). */
async function numericBuckets(run: Runner, projectId: string, value: (item: Sql) => Sql): Promise<Bucketing | null> {
  const [row] = await run<{ cuts: number[] | null }>(
    sql`SELECT percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY v) AS cuts
        FROM (SELECT ${value(sql`i`)} AS v FROM "Item" i WHERE i."projectId" = ${projectId} ORDER BY i.id LIMIT ${SAMPLE}) s WHERE v IS NOT NULL`,
  );
  const cuts = [...new Set((row?.cuts ?? []).map((c) => Number(c.toPrecision(2))))].sort((a, b) => a - b);
  if (!cuts.length) return null;
  const names = cuts.map((c, i) => (i === 0 ? `< ${c}` : `${cuts[i - 1]} to < ${c}`)).concat(`≥ ${cuts[cuts.length - 1]}`);
  return {
    expression: sql`coalesce(width_bucket(${value(sql`i`)}, ${cuts}::float8[])::text, ${NONE})`,
    byValue: true,
    labelOf: (key) => (key === NONE || key === OTHER ? key : (names[Number(key)] ?? key)),
  };
}

/** The SQL giving an item `i` its slice's key, and how a key reads on the page. */
async function bucketing(projectId: string, field: string): Promise<Bucketing> {
  const run = await sqlRunner();
  const same = { labelOf: (key: string) => key };
  if (field === "@length") {
    const lengths = await numericBuckets(run, projectId, (i) => sql`length(${i}.text)::float8`);
    if (!lengths) throw new AppError("VALIDATION", "The project has no items yet.", { field: "field" });
    return lengths;
  }
  if (field === "@month") return { ...same, expression: sql`to_char(i."createdAt", 'YYYY-MM')`, byValue: true };
  if (field === "@import") {
    const files = await run<{ id: string; fileName: string }>(sql`SELECT id, "fileName" FROM "Import" WHERE "projectId" = ${projectId}`);
    const names = new Map(files.map((f) => [f.id, f.fileName]));
    return { expression: sql`coalesce(i."importId", ${NONE})`, labelOf: (key) => names.get(key) ?? (key === NONE ? "(added without a file)" : key) };
  }
  if (field.startsWith("@")) throw new AppError("VALIDATION", `Unknown field "${field}".`, { field: "field" });
  const raw = sql`(i.metadata->${field}::text)`;
  const [kind] = await run<{ numbers: number; values: number }>(
    sql`SELECT (count(*) FILTER (WHERE jsonb_typeof(v) = 'number'))::int AS numbers, (count(*) FILTER (WHERE v IS NOT NULL AND jsonb_typeof(v) <> 'null'))::int AS "values"
        FROM (SELECT ${raw} AS v FROM "Item" i WHERE i."projectId" = ${projectId} ORDER BY i.id LIMIT ${SAMPLE}) s`,
  );
  if (!kind.values) throw new AppError("VALIDATION", `No item of the first ${SAMPLE.toLocaleString("en")} has the field "${field}".`, { field: "field" });
  if (kind.numbers === kind.values) {
    const numeric = await numericBuckets(
      run,
      projectId,
      (i) => sql`CASE WHEN jsonb_typeof(${i}.metadata->${field}::text) = 'number' THEN (${i}.metadata->>${field}::text)::float8 END`,
    );
    if (numeric) return numeric;
  }
  // A date (2026-03-14, 2026-03-14T10:00Z) is sliced by its month; anything else by its text.
  const text = sql`(i.metadata->>${field}::text)`;
  return {
    ...same,
    expression: sql`CASE WHEN ${text} IS NULL OR ${text} = '' THEN ${NONE} WHEN ${text} ~ '^\\d{4}-\\d{2}-\\d{2}' THEN left(${text}, 7) ELSE ${text} END`,
  };
}

type Group = { key: string; n: number; hits: number };
type Runner = Awaited<ReturnType<typeof sqlRunner>>;

/** Groups beyond the MAX_SLICES keys kept are pooled as "(other)", in the keys' order. */
function pooled(groups: Group[], keep: string[]): Group[] {
  const byKey = new Map(keep.map((k) => [k, { key: k, n: 0, hits: 0 }]));
  for (const g of groups) {
    const target = byKey.get(g.key) ?? byKey.get(OTHER);
    if (!target) continue;
    target.n += g.n;
    target.hits += g.hits;
  }
  return [...byKey.values()];
}

export type MakeUpRow = { key: string; label: string; items: number; share: number; blind: number; blindShare: number | null; blindInterval: Interval | null };

export type QualityByField = {
  field: string;
  version: { id: string; number: number } | null;
  /** What the model's accuracy is measured on. */
  on: "all" | "blind";
  labels: Record<string, string>;
  model: SliceReport | null;
  people: SliceReport;
  makeUp: { rows: MakeUpRow[]; chiSquare: number | null; df: number | null; p: number | null; blindItems: number };
};

/**
 * The slices shown: the MAX_SLICES largest groups, pooling the rest as "(other)"; a number's
 * quintiles and a date's months read in order ("(none)" last), other values by size.
 */
function keysToShow(groups: Group[], labelOf: (key: string) => string, byValue?: boolean): { keep: string[]; labels: Record<string, string> } {
  const ranked = [...groups].sort((a, b) => b.n - a.n || (a.key < b.key ? -1 : 1));
  const keep = ranked.slice(0, MAX_SLICES).map((g) => g.key);
  if (byValue) keep.sort((a, b) => (a === NONE ? 1 : b === NONE ? -1 : Number.isNaN(Number(a)) ? (a < b ? -1 : 1) : Number(a) - Number(b)));
  if (ranked.length > MAX_SLICES) keep.push(OTHER);
  const labels = Object.fromEntries(keep.map((k) => [k, k === OTHER ? `(${ranked.length - MAX_SLICES} other values)` : labelOf(k)]));
  return { keep, labels };
}

/** The version's right answers by slice, on the real items' gold (the blind slice's only with `blindOnly`). */
function modelGroups(run: Runner, m: { projectId: string; taskType: TaskType; versionId: string; blindOnly: boolean }, expression: Sql) {
  return run.fewGroups<Group>(
    sql`SELECT ${expression} AS key, count(*)::int AS n,
          (count(*) FILTER (WHERE ${canonicalSql(m.taskType, sql`s.value`)} = ${canonicalSql(m.taskType, sql`g.value`)}))::int AS hits
        ${goldWithSuggestion(m, sql`JOIN "Item" i ON i.id = s."itemId"`)} AND i.origin = 'REAL' ${m.blindOnly ? sql`AND g.blind` : sql``}
        GROUP BY 1`,
  );
}

/**
 * The model's accuracy by slice alone, on several fields at once (the datasheet's weak slices): one
 * scan of the top version's gold suggestions, each row counted once per field, without the people's
 * and the make-up's scans of every item. A field the items do not have is left out.
 */
export async function modelBySlices(scope: SliceScope, fields: string[]): Promise<{ field: string; labels: Record<string, string>; report: SliceReport }[]> {
  const [version] = byItemsLabeled(await versionSummaries(scope.projectId));
  if (!version || !fields.length) return [];
  const buckets = (
    await Promise.all(
      fields.map((f) =>
        bucketing(scope.projectId, f).then(
          (b) => ({ field: f, ...b }),
          () => null,
        ),
      ),
    )
  ).filter((b) => b !== null);
  if (!buckets.length) return [];
  const run = await sqlRunner();
  const m = { projectId: scope.projectId, taskType: scope.project.taskType, versionId: version.id };
  const per = sql`CROSS JOIN LATERAL (VALUES ${join(buckets.map((b, i) => sql`(${i}::int, (${b.expression})::text)`))}) AS x(f, key)`;
  const rows = await run.fewGroups<Group & { f: number }>(
    sql`SELECT x.f, x.key, count(*)::int AS n,
          (count(*) FILTER (WHERE ${canonicalSql(m.taskType, sql`s.value`)} = ${canonicalSql(m.taskType, sql`g.value`)}))::int AS hits
        ${goldWithSuggestion(m, sql`JOIN "Item" i ON i.id = s."itemId" ${per}`)} AND i.origin = 'REAL'
        GROUP BY 1, 2`,
  );
  return buckets.map((b, i) => {
    const groups = rows.filter((r) => r.f === i);
    const { keep, labels } = keysToShow(groups, b.labelOf, b.byValue);
    return { field: b.field, labels, report: testSlices(pooled(groups, keep)) };
  });
}

/** The project measured: a lead's access, or an export job's project (authorized when the export was started). */
export type SliceScope = Pick<ProjectAccess, "projectId"> & { project: Pick<ProjectAccess["project"], "taskType"> };

/** The model's accuracy (on all gold, or on the blind slice only) and people's agreement by slice of `field`. */
export async function qualityByField(access: SliceScope, field: string, options: { versionId?: string; on?: "all" | "blind" } = {}): Promise<QualityByField> {
  const projectId = access.projectId;
  const taskType = access.project.taskType;
  const on = options.on ?? "all";
  const versions = await versionSummaries(projectId);
  const version = options.versionId ? versions.find((v) => v.id === options.versionId) : byItemsLabeled(versions)[0];
  if (options.versionId && !version) throw new AppError("NOT_FOUND", "Prompt version not found.");
  const { expression, labelOf, byValue } = await bucketing(projectId, field);
  const run = await sqlRunner();
  const real = sql`i."projectId" = ${projectId} AND i.origin = 'REAL'`;
  const [items, blind, model, people] = await Promise.all([
    run.fewGroups<Group>(sql`SELECT ${expression} AS key, count(*)::int AS n, 0 AS hits FROM "Item" i WHERE ${real} GROUP BY 1`),
    run.fewGroups<Group>(
      sql`SELECT ${expression} AS key, count(*)::int AS n, 0 AS hits FROM "GoldLabel" g JOIN "Item" i ON i.id = g."itemId"
          WHERE g."projectId" = ${projectId} AND g.blind AND g.source <> 'AUTO' AND ${real} GROUP BY 1`,
    ),
    version ? modelGroups(run, { projectId, taskType, versionId: version.id, blindOnly: on === "blind" }, expression) : null,
    // People: of the items two or more people reviewed, those on which every answer was the same.
    run.fewGroups<Group>(
      sql`SELECT key, count(*)::int AS n, (count(*) FILTER (WHERE answers = 1))::int AS hits FROM (
            SELECT ${expression} AS key, count(DISTINCT ${canonicalSql(taskType, sql`d.value`)}) AS answers
            FROM "Item" i JOIN "Decision" d ON d."itemId" = i.id
            WHERE ${real} AND i."reviewCount" >= 2 AND d.action <> 'SKIPPED' GROUP BY i.id, 1) per_item GROUP BY 1`,
    ),
  ]);
  const { keep, labels } = keysToShow(items, labelOf, byValue);
  const all = pooled(items, keep);
  const blindCounts = pooled(blind, keep);
  const totalItems = all.reduce((s, g) => s + g.n, 0);
  const blindItems = blindCounts.reduce((s, g) => s + g.n, 0);
  const fit = makeUpTest(
    blindCounts.map((g) => g.n),
    all.map((g) => g.n),
  );
  return {
    field,
    version: version ? { id: version.id, number: version.number } : null,
    on,
    labels,
    model: model ? testSlices(pooled(model, keep)) : null,
    people: testSlices(pooled(people, keep)),
    makeUp: {
      rows: all.map((g, i) => ({
        key: g.key,
        label: labels[g.key],
        items: g.n,
        share: totalItems ? g.n / totalItems : 0,
        blind: blindCounts[i].n,
        blindShare: blindItems ? blindCounts[i].n / blindItems : null,
        blindInterval: wilson(blindCounts[i].n, blindItems),
      })),
      chiSquare: fit?.chiSquare ?? null,
      df: fit?.df ?? null,
      p: fit?.p ?? null,
      blindItems,
    },
  };
}

/** A field name from a query string: a built-in `@...` or a metadata key. */
export const FIELD_MAX = 100;
