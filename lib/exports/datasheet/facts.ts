// What a datasheet says about the project behind an export, gathered before the export's own
// snapshot is opened (on the embedded database that snapshot holds the only connection): how wrong
// each source of labels was measured to be and on what, the prompt versions and what they cost,
// the guidelines, the weak slices, the blind slice, the reviewers (counted; named only if the lead
// chose to), the dates, and the lead's own text. The rows' counts come from the export itself.
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { canonicalSql } from "@/lib/gold/canonical";
import { goldWithSuggestion } from "@/lib/metrics/queries";
import { modelBySlices, sliceFields } from "@/lib/metrics/by-field";
import { projectAuditSummary } from "@/lib/gold/auto-accept";
import { wilson, type Interval } from "@/lib/stats/measures";
import { leadTextOf, type LeadText } from "@/lib/exports/datasheet/lead-text";
import type { Source } from "@/lib/exports/datasheet/sources";
import type { TaskType } from "@/lib/values/value";

/** A measured error rate: `errors` of `n`, its 95% interval, and what it was measured on. */
export type Measured = { errors: number; n: number; rate: number | null; interval: Interval | null; on: string };
export type SourceError = { measured: Measured | null; note: string };

export type VersionFacts = { number: number; model: string; strategy: string; items: number; costUsd: number; blind: Measured | null };
export type WeakSlice = {
  field: string;
  slice: string;
  accuracy: number | null;
  interval: Interval | null;
  n: number;
  restAccuracy: number | null;
  adjustedP: number | null;
};

export type DatasheetFacts = {
  project: { name: string; description: string; taskType: TaskType; labels: { name: string; description: string }[]; guidelines: string };
  lead: LeadText;
  errors: Record<Source, SourceError>;
  versions: VersionFacts[];
  weakSlices: { fieldsChecked: string[]; slices: WeakSlice[] };
  blind: { items: number; share: number };
  reviewers: { count: number; names: string[] | null; decisions: number };
  dates: { firstItem: string | null; lastItem: string | null; firstReview: string | null; lastReview: string | null };
};

const measured = (errors: number, n: number, on: string): Measured | null => (n ? { errors, n, rate: errors / n, interval: wilson(errors, n), on } : null);

/** Fields checked for weak slices: the text's length and the first few metadata keys (each check reads the project's items once). */
const WEAK_SLICE_FIELDS = 3;

export async function datasheetFacts(projectId: string): Promise<DatasheetFacts> {
  const database = await getDatabase();
  const [project] = await database.query<{ name: string; description: string; taskType: TaskType; guidelines: string; datasheet: unknown; blindShare: number }>(
    sql`SELECT name, description, "taskType"::text AS "taskType", guidelines, datasheet, "blindShare" FROM "Project" WHERE id = ${projectId}`,
  );
  const taskType = project.taskType;
  const lead = leadTextOf(project.datasheet);
  const same = (a: ReturnType<typeof sql>, b: ReturnType<typeof sql>) => sql`${canonicalSql(taskType, a)} IS NOT DISTINCT FROM ${canonicalSql(taskType, b)}`;
  const [labels, [people], [imported], [reference], versions, [reviewers], names, [dates], [blind], audit] = await Promise.all([
    database.query<{ name: string; description: string }>(
      sql`SELECT name, description FROM "Label" WHERE "projectId" = ${projectId} AND "retiredAt" IS NULL ORDER BY position`,
    ),
    // People: of the items two or more reviewed, those where not every answer was the same.
    database.query<{ n: number; disagreed: number }>(
      sql`SELECT count(*)::int AS n, (count(*) FILTER (WHERE answers > 1))::int AS disagreed FROM (
            SELECT i.id, count(DISTINCT ${canonicalSql(taskType, sql`d.value`)}) AS answers FROM "Item" i JOIN "Decision" d ON d."itemId" = i.id
            WHERE i."projectId" = ${projectId} AND i."reviewCount" >= 2 AND d.action <> 'SKIPPED' GROUP BY i.id) t`,
    ),
    // Imported labels that people also reviewed: how often a reviewer answered otherwise.
    database.query<{ n: number; differ: number }>(
      sql`SELECT count(*)::int AS n, (count(*) FILTER (WHERE NOT ${same(sql`d.value`, sql`g.value`)}))::int AS differ
          FROM "GoldLabel" g JOIN "Decision" d ON d."itemId" = g."itemId" AND d.action <> 'SKIPPED' WHERE g."projectId" = ${projectId} AND g.source = 'IMPORTED'`,
    ),
    database.query<{ n: number; differ: number }>(
      sql`SELECT count(*)::int AS n, (count(*) FILTER (WHERE NOT ${same(sql`d.value`, sql`r.value`)}))::int AS differ
          FROM "ReferenceLabel" r JOIN "Decision" d ON d."itemId" = r."itemId" AND d.action <> 'SKIPPED' WHERE r."projectId" = ${projectId}`,
    ),
    database.query<{ id: string; number: number; model: string; strategy: string; items: number; costUsd: number }>(
      sql`SELECT v.id, v.number, v."modelId" AS model, v.strategy::text AS strategy, count(s.id)::int AS items, coalesce(sum(s."costUsd"), 0)::float8 AS "costUsd"
          FROM "PromptVersion" v LEFT JOIN "Suggestion" s ON s."promptVersionId" = v.id WHERE v."projectId" = ${projectId} GROUP BY v.id ORDER BY v.number`,
    ),
    database.query<{ count: number; decisions: number }>(
      sql`SELECT count(DISTINCT "annotatorId")::int AS count, count(*)::int AS decisions FROM "Decision" WHERE "projectId" = ${projectId} AND action <> 'SKIPPED'`,
    ),
    lead.nameReviewers
      ? database.query<{ name: string }>(
          sql`SELECT DISTINCT coalesce(u.name, '(removed user)') AS name FROM "Decision" d LEFT JOIN "User" u ON u.id = d."annotatorId"
              WHERE d."projectId" = ${projectId} AND d.action <> 'SKIPPED' ORDER BY 1`,
        )
      : Promise.resolve(null),
    database.query<{ firstItem: Date | null; lastItem: Date | null; firstReview: Date | null; lastReview: Date | null }>(
      sql`SELECT (SELECT min("createdAt") FROM "Item" WHERE "projectId" = ${projectId}) AS "firstItem", (SELECT max("createdAt") FROM "Item" WHERE "projectId" = ${projectId}) AS "lastItem",
                 min("createdAt") AS "firstReview", max("createdAt") AS "lastReview" FROM "Decision" WHERE "projectId" = ${projectId}`,
    ),
    database.query<{ items: number }>(sql`SELECT count(*)::int AS items FROM "GoldLabel" WHERE "projectId" = ${projectId} AND blind AND source <> 'AUTO'`),
    projectAuditSummary(projectId),
  ]);
  const versionFacts = await Promise.all(versions.map(async (v) => ({ ...v, blind: await blindError(projectId, v.id, taskType) })));
  const headline = [...versionFacts].sort((a, b) => b.items - a.items)[0];
  const notMeasured = (note: string): SourceError => ({ measured: null, note });
  const errors: Record<Source, SourceError> = {
    reviewed: {
      measured: measured(people.disagreed, people.n, `${people.n} items two or more people reviewed: the share on which they did not all agree`),
      note: people.n
        ? "Disagreement between reviewers bounds how often one reviewer alone is wrong, roughly."
        : "Not measured: no item was reviewed by two people.",
    },
    adjudicated: notMeasured("A lead's ruling on a disagreement, or a correction: nothing independent to measure it against."),
    imported: checkedByReviewers(imported, "whose label was imported", "an imported label"),
    reference: checkedByReviewers(reference, "with a reference label", "a reference label"),
    auto_accepted: audit
      ? {
          measured: {
            errors: audit.errors,
            n: audit.n,
            rate: audit.n ? audit.errors / audit.n : null,
            interval: { low: audit.interval[0], high: audit.interval[1] },
            on: `${audit.n} auto-accepted items audited blind by people${audit.since ? ` since ${audit.since.slice(0, 10)}` : ""} (an anytime-valid 95% interval)`,
          },
          note: `Accepted under an error budget of ${(audit.budget * 100).toFixed(1)}%.`,
        }
      : notMeasured("No auto-accept certificate."),
    llm_unreviewed: headline?.blind
      ? {
          measured: { ...headline.blind, on: `${headline.blind.on} (version ${headline.number})` },
          note: "The model's error on the blind slice: items reviewed without seeing its suggestion.",
        }
      : notMeasured("Not measured: no blind gold item has a suggestion from the model."),
    synthetic: notMeasured("Each synthetic item was read and kept by a reviewer; their label's error is not measured apart."),
    unlabeled: notMeasured("No label."),
  };
  return {
    project: { name: project.name, description: project.description, taskType, labels, guidelines: project.guidelines },
    lead,
    errors,
    versions: versionFacts.map((v) => ({ number: v.number, model: v.model, strategy: v.strategy, items: v.items, costUsd: v.costUsd, blind: v.blind })),
    weakSlices: await weakSlices(projectId, taskType),
    blind: { items: blind.items, share: project.blindShare },
    reviewers: { count: reviewers.count, decisions: reviewers.decisions, names: names ? names.map((n) => n.name) : null },
    dates: {
      firstItem: dates.firstItem?.toISOString() ?? null,
      lastItem: dates.lastItem?.toISOString() ?? null,
      firstReview: dates.firstReview?.toISOString() ?? null,
      lastReview: dates.lastReview?.toISOString() ?? null,
    },
  };
}

/** Labels people did not make, measured by how often a reviewer of the same item answered otherwise. */
function checkedByReviewers(c: { n: number; differ: number }, items: string, label: string): SourceError {
  return {
    measured: measured(c.differ, c.n, `${c.n} reviews of items ${items}: the share where the reviewer answered otherwise`),
    note: c.n ? "" : `Not measured: no reviewer looked at an item with ${label}.`,
  };
}

/** A version's error on the blind gold it labeled. */
async function blindError(projectId: string, versionId: string, taskType: TaskType): Promise<Measured | null> {
  const database = await getDatabase();
  const [r] = await database.query<{ n: number; wrong: number }>(
    sql`SELECT count(*)::int AS n, (count(*) FILTER (WHERE ${canonicalSql(taskType, sql`s.value`)} <> ${canonicalSql(taskType, sql`g.value`)}))::int AS wrong
        ${goldWithSuggestion({ projectId, versionId })} AND g.blind`,
  );
  return measured(r.wrong, r.n, `${r.n} blind gold items`);
}

/** The slices flagged as worse than the rest (Holm-corrected within each field) on a few fields, in one scan. */
async function weakSlices(projectId: string, taskType: TaskType): Promise<DatasheetFacts["weakSlices"]> {
  const fields = (await sliceFields(projectId)).filter((f) => f.key === "@length" || !f.key.startsWith("@")).slice(0, 1 + WEAK_SLICE_FIELDS);
  const labelOf = new Map(fields.map((f) => [f.key, f.label]));
  const reports = await modelBySlices(
    { projectId, project: { taskType } },
    fields.map((f) => f.key),
  );
  const slices: WeakSlice[] = reports.flatMap(({ field, labels, report }) =>
    report.slices
      .filter((x) => x.worse)
      .map((s) => ({
        field: labelOf.get(field) ?? field,
        slice: labels[s.key] ?? s.key,
        accuracy: s.rate,
        interval: s.interval,
        n: s.n,
        restAccuracy: s.rest.rate,
        adjustedP: s.adjustedP,
      })),
  );
  return { fieldsChecked: reports.map((r) => labelOf.get(r.field) ?? r.field), slices };
}
