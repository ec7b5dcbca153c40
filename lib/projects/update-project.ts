// Leads edit name, description, guidelines and labels. Values store label names, so label changes
// carry the data along, in the same transaction as the labels, and are audited:
//  - a renamed label (same id, new name) renames every suggestion, gold and decision that uses it;
//  - a removed label that values still use needs a choice: merge it into another label (its
//    values move there) or retire it (kept for the values, hidden from people and the model);
//    a removed label nothing uses is deleted;
//  - a new label with a retired label's name brings that label back.
// The task type is fixed once items exist, since every stored value is shaped by it.
import { getDatabase, getDb } from "@/lib/db";
import { logAuditEvent, type AuditKind } from "@/lib/audit/log";
import { sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import type { TaskType } from "@/lib/generated/prisma/enums";
import type { ProjectUpdateInput } from "@/lib/projects/schemas";
import { labelUsage, LONG_STATEMENTS, type LabelUsageRow } from "@/lib/projects/sql";
import { rowsChanged, type SqlSession } from "@/lib/db/sql-session";
import { relabelGold } from "@/lib/gold/relabel";
import { relabelTable } from "@/lib/values/sql";
import { DEFAULT_SCALE, taskTypeDef } from "@/lib/task-types";

type Tx = SqlSession;
type Log = (kind: AuditKind, data: object) => Promise<void>;
type StoredLabel = { id: string; name: string; retiredAt: Date | null };

export async function updateProject(access: ProjectAccess, input: ProjectUpdateInput) {
  let p = input;
  const database = await getDatabase();
  const projectId = access.projectId;
  await database.rawTransaction(async (tx) => {
    await tx.exec(LONG_STATEMENTS);
    const [current] = await tx.query<{ taskType: TaskType }>(sql`SELECT "taskType"::text AS "taskType" FROM "Project" WHERE id = ${projectId} FOR UPDATE`);
    if (current.taskType !== p.taskType && (await tx.query(sql`SELECT 1 FROM "Item" WHERE "projectId" = ${projectId} LIMIT 1`)).length) {
      throw new AppError("VALIDATION", "The task type cannot change once items are imported.", { taskType: "Fixed once items exist" });
    }
    await tx.query(
      sql`UPDATE "Project" SET name = ${p.name}, description = ${p.description}, "taskType" = ${p.taskType}::"TaskType", guidelines = ${p.guidelines}, "updatedAt" = now()
          WHERE id = ${projectId}`,
    );
    const stored = await tx.query<StoredLabel>(sql`SELECT id, name, "retiredAt" FROM "Label" WHERE "projectId" = ${projectId}`);
    if (taskTypeDef(p.taskType).fixedLabels) p = fixedLabelsOver(p, stored);
    const labels = reuseRetired(p.labels, stored);
    const kept = new Set(labels.map((l) => l.id).filter(Boolean));
    for (const l of labels)
      if (l.id && !stored.some((s) => s.id === l.id)) throw new AppError("VALIDATION", "A label was changed by someone else meanwhile. Reload and try again.");
    const log: Log = (kind, data) => logAuditEvent(tx, { projectId, actorId: access.userId, itemId: null, kind, data });

    await renameValues(tx, access, p.taskType, stored, labels, log);
    const removed = stored.filter((s) => !s.retiredAt && !kept.has(s.id));
    await removeLabels(tx, access, p, removed, labels, log);
    await writeLabels(tx, projectId, labels);
    if (taskTypeDef(p.taskType).criteria) await checkLevelsFit(tx, projectId, labels);
  });
}

type DraftLabel = ProjectUpdateInput["labels"][number];

/** Pairwise: the fixed labels keep their rows; a label left out (both_bad turned off) is retired, never merged. */
function fixedLabelsOver(p: ProjectUpdateInput, stored: StoredLabel[]): ProjectUpdateInput {
  const labels = p.labels.map((l) => ({ ...l, id: stored.find((s) => s.name === l.name)?.id }));
  const removedLabels = stored.filter((s) => !s.retiredAt && !labels.some((l) => l.id === s.id)).map((s) => ({ id: s.id, action: "RETIRE" as const }));
  return { ...p, labels, removedLabels };
}

/** A new label named like a retired one is that label, back. */
function reuseRetired(labels: DraftLabel[], stored: StoredLabel[]): DraftLabel[] {
  return labels.map((l) => {
    if (l.id) return l;
    const retired = stored.find((s) => s.retiredAt && s.name.toLowerCase() === l.name.toLowerCase());
    return retired ? { ...l, id: retired.id } : l;
  });
}

/**
 * Renames go through a temporary name each, so swapping two labels' names (a→b, b→a) does not
 * merge them.
 */
async function renameValues(tx: Tx, access: ProjectAccess, taskType: TaskType, stored: StoredLabel[], labels: DraftLabel[], log: Log) {
  const renames = labels.flatMap((l) => {
    const before = stored.find((s) => s.id === l.id);
    return before && before.name !== l.name ? [{ id: before.id, from: before.name, to: l.name }] : [];
  });
  for (const r of renames) await relabelEverywhere(tx, access.projectId, taskType, r.from, `__goldset_renaming_${r.id}`);
  for (const r of renames) {
    const values = await relabelEverywhere(tx, access.projectId, taskType, `__goldset_renaming_${r.id}`, r.to);
    await log("label.renamed", { from: r.from, to: r.to, values });
  }
}

async function removeLabels(tx: Tx, access: ProjectAccess, p: ProjectUpdateInput, removed: StoredLabel[], labels: DraftLabel[], log: Log) {
  for (const label of removed) {
    const [usage] = await tx.query<LabelUsageRow>(labelUsage(p.taskType, access.projectId, label.name));
    const values = usage.suggestions + usage.gold + usage.decisions;
    const choice = p.removedLabels.find((r) => r.id === label.id);
    if (!values) {
      await tx.query(sql`DELETE FROM "Label" WHERE id = ${label.id}`);
      await log("label.deleted", { name: label.name });
      continue;
    }
    if (!choice) {
      throw new AppError(
        "VALIDATION",
        `"${label.name}" is used by ${usage.gold} gold labels, ${usage.decisions} decisions and ${usage.suggestions} suggestions. Choose to merge it into another label or to retire it.`,
        { [`removed.${label.id}`]: "Merge or retire" },
      );
    }
    if (choice.action === "MERGE") {
      const into = labels.find((l) => l.name === choice.into);
      if (!into) throw new AppError("VALIDATION", `Choose a label to merge "${label.name}" into.`, { [`removed.${label.id}`]: "Choose a label" });
      const moved = await relabelEverywhere(tx, access.projectId, p.taskType, label.name, into.name);
      await tx.query(sql`DELETE FROM "Label" WHERE id = ${label.id}`);
      await log("label.merged", { from: label.name, into: into.name, values: moved });
    } else {
      await tx.query(sql`UPDATE "Label" SET "retiredAt" = now(), hotkey = NULL WHERE id = ${label.id}`);
      await log("label.retired", { name: label.name, values });
    }
  }
}

/**
 * Renames a label in every stored value of the project; returns how many values changed. The
 * model's suggestions here; people's decisions and gold through lib/gold, which settles again the
 * items a merge makes agree.
 */
async function relabelEverywhere(tx: Tx, projectId: string, taskType: TaskType, from: string, to: string): Promise<number> {
  const suggestions = await rowsChanged(tx, relabelTable("Suggestion", taskType, projectId, from, to));
  return suggestions + (await relabelGold(tx, projectId, taskType, from, to));
}

/**
 * A rubric's new scales must hold the levels people already gave: a scale narrowed below a level
 * in use is refused (the transaction rolls back), naming the criterion and how many answers.
 */
async function checkLevelsFit(tx: Tx, projectId: string, labels: DraftLabel[]) {
  for (const [i, l] of labels.entries()) {
    const scale = l.scale ?? DEFAULT_SCALE;
    const level = sql`(value->'scores'->>${l.name})::numeric`;
    const outside = sql`"projectId" = ${projectId} AND jsonb_typeof(value->'scores'->${l.name}) = 'number' AND (${level} < ${scale.min} OR ${level} > ${scale.max})`;
    const [row] = await tx.query<{ n: number }>(
      sql`SELECT ((SELECT count(*) FROM "GoldLabel" WHERE ${outside}) + (SELECT count(*) FROM "Decision" WHERE ${outside}))::int AS n`,
    );
    if (row.n > 0)
      throw new AppError(
        "VALIDATION",
        `${l.name}: ${row.n} answer${row.n === 1 ? " uses" : "s use"} a level outside ${scale.min}-${scale.max}. Widen the scale, or change those answers first.`,
        { [`labels.${i}.scale.max`]: `${row.n} answer${row.n === 1 ? " is" : "s are"} outside ${scale.min}-${scale.max}` },
      );
  }
}

/** Labels as submitted: positions, names and hotkeys; returning retired labels come back. */
async function writeLabels(tx: Tx, projectId: string, labels: DraftLabel[]) {
  // Names and hotkeys are cleared first so swapping two labels' hotkeys or names does not trip the unique indexes.
  const ids = labels.map((l) => l.id).filter((id): id is string => Boolean(id));
  await tx.query(sql`UPDATE "Label" SET hotkey = NULL, name = '__goldset_renaming_' || id WHERE "projectId" = ${projectId} AND id = ANY(${ids}::text[])`);
  for (const [position, l] of labels.entries()) {
    if (l.id)
      await tx.query(
        sql`UPDATE "Label" SET name = ${l.name}, description = ${l.description}, color = ${l.color}, hotkey = ${l.hotkey ?? null}, position = ${position}, "retiredAt" = NULL,
                scale = ${l.scale ? JSON.stringify(l.scale) : null}::jsonb
            WHERE id = ${l.id}`,
      );
    else
      await tx.query(
        sql`INSERT INTO "Label" (id, "projectId", name, description, color, hotkey, position, scale)
            VALUES (${crypto.randomUUID()}, ${projectId}, ${l.name}, ${l.description}, ${l.color}, ${l.hotkey ?? null}, ${position}, ${l.scale ? JSON.stringify(l.scale) : null}::jsonb)`,
      );
  }
}

export async function setProjectArchived(access: ProjectAccess, archived: boolean) {
  const db = await getDb();
  await db.project.update({ where: { id: access.projectId }, data: { archivedAt: archived ? new Date() : null } });
}
