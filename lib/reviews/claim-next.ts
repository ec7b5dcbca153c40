// The review queue. Claiming leases an item to one annotator (FOR UPDATE SKIP LOCKED, so
// concurrent annotators never wait for each other or get the same slot), up to the project's
// reviewers per item, and never an item this annotator already decided.
import { getDatabase } from "@/lib/db";
import type { SqlSession } from "@/lib/db/sql-session";
import type { ProjectAccess } from "@/lib/auth/access";
import { REVIEW_LEASE_SECONDS } from "@/lib/reviews/schemas";
import { sql, type Sql } from "@/lib/db/sql";
import { inBlindSet, isItemOrder, leaseItem, pickCandidate, pickLearnerCandidate, renewHeldLease, type RenewRow, type TaskRow } from "@/lib/reviews/sql";
import type { ReviewTask } from "@/lib/reviews/types";

/** Leases the next item for this annotator and returns what the review screen shows, or null when the queue is empty. */
export async function claimNextItem(access: ProjectAccess, skipItemIds: number[] = []): Promise<ReviewTask | null> {
  return (await claimNext(access, skipItemIds)).task;
}

/** claimNextItem, plus how many decisions the annotator made today (the review screen's counter). */
export async function claimNext(access: ProjectAccess, skipItemIds: number[] = []): Promise<{ task: ReviewTask | null; reviewedToday: number }> {
  const database = await getDatabase();
  return database.rawTransaction(
    async (tx) => {
      const tried = [...skipItemIds];
      // An item this annotator already holds (prefetched, or shown before a reload) comes first.
      const [opening] = await tx.query<RenewRow>(
        renewHeldLease({ projectId: access.projectId, userId: access.userId, tried, leaseSeconds: REVIEW_LEASE_SECONDS, since: startOfToday() }),
        { prepare: true },
      );
      const task = opening.held ? toTask(opening.held) : await leaseNewItem(tx, access, tried);
      return { task, reviewedToday: opening.today };
    },
    { softState: true },
  );
}

/** Midnight, server time: "reviewed today" counts from here. */
export function startOfToday() {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d;
}

async function leaseNewItem(tx: SqlSession, access: ProjectAccess, tried: number[]): Promise<ReviewTask | null> {
  // Two steps. The first picks a candidate and locks its row (SKIP LOCKED: a concurrent claimer
  // moves on to another item instead of waiting). Its snapshot may predate a claim that committed a
  // moment ago, so the second statement, with a fresh snapshot and the row lock held, checks the
  // open slots again before taking one.
  const { reviewersPerItem: k, blindShare } = access.project;
  for (let attempt = 0; attempt < 8; attempt++) {
    const pick = await pickFor(tx, access, tried);
    if (!pick) return null;
    const leased = await tx.query<TaskRow>(
      leaseItem({ projectId: access.projectId, userId: access.userId, itemId: pick.id, leaseSeconds: REVIEW_LEASE_SECONDS, k, blindShare, forceBlind: pick.forceBlind }),
      { prepare: true },
    );
    if (leased.length) return toTask(leased[0]);
    tried.push(pick.id); // filled up meanwhile: try the next one
  }
  return null;
}

type Pick = { id: number; forceBlind?: boolean };

/** The next candidate in the project's queue order, locked. */
async function pickFor(tx: SqlSession, access: ProjectAccess, tried: number[]): Promise<Pick | null> {
  const { reviewersPerItem: k, queueOrder: order, blindShare } = access.project;
  const who = { projectId: access.projectId, userId: access.userId, k, tried };
  const first = async (statement: Sql): Promise<number | null> => {
    const rows = await tx.query<{ id: number }>(statement, { prepare: true });
    return rows.length ? Number(rows[0].id) : null;
  };
  if (isItemOrder(order)) {
    // Random order: from this member's own starting point on, then the stretch before it.
    const id =
      order === "RANDOM"
        ? ((await first(pickCandidate({ ...who, order, part: "from" }))) ?? (await first(pickCandidate({ ...who, order, part: "before" }))))
        : await first(pickCandidate({ ...who, order }));
    return id === null ? null : { id };
  }
  // The learner's orders; items it has not scored yet (added since it trained) come after, in import order.
  const byLearner = (where?: Sql) =>
    first(pickLearnerCandidate({ ...who, disagreementFirst: order !== "LEARNER_UNCERTAIN", where })).then(
      async (id) => id ?? (await first(pickCandidate({ ...who, order: "IMPORT_ORDER", where }))),
    );
  if (order !== "LEARNER_MIXED") {
    const id = await byLearner();
    return id === null ? null : { id };
  }
  // Mixed: a blind-share of claims goes to the fixed blind set in random order (always blind), the
  // rest to the learner's order outside it (never blind), so blind figures stay a random sample.
  const fromBlindSet = async () => {
    const id = await first(pickCandidate({ ...who, order: "RANDOM", where: inBlindSet(blindShare) }));
    return id === null ? null : { id, forceBlind: true };
  };
  const fromLearner = async () => {
    const id = await byLearner(sql`NOT ${inBlindSet(blindShare)}`);
    return id === null ? null : { id, forceBlind: false };
  };
  return Math.random() < blindShare ? ((await fromBlindSet()) ?? (await fromLearner())) : ((await fromLearner()) ?? (await fromBlindSet()));
}

/** The suggestion goes out only when the item is outside the blind slice (fixed when it was leased). */
export function toTask(row: TaskRow): ReviewTask {
  return {
    item: { id: Number(row.itemId), externalId: row.externalId, text: row.text, synthetic: row.synthetic === true, ...(row.pair ? { pair: row.pair } : {}) },
    blind: row.blind,
    suggestion: row.blind ? null : row.suggestion,
    leasedUntil: new Date(row.leasedUntil).toISOString(),
  };
}
