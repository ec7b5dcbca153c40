// The review queue. Claiming leases an item to one annotator (FOR UPDATE SKIP LOCKED, so
// concurrent annotators never wait for each other or get the same slot), up to the project's
// reviewers per item, and never an item this annotator already decided.
import { getDatabase } from "@/lib/db";
import type { SqlSession } from "@/lib/db/sql-session";
import type { ProjectAccess } from "@/lib/auth/access";
import { REVIEW_LEASE_SECONDS } from "@/lib/reviews/schemas";
import { sql, type Sql } from "@/lib/db/sql";
import { isItemOrder, leaseItem, pickCandidate, pickLearnerCandidate, pickReviewFirst, renewHeldLease, type RenewRow, type TaskRow } from "@/lib/reviews/sql";
import { inBlindSlice } from "@/lib/gold/sql";
import type { ReviewTask } from "@/lib/reviews/types";
import { parseValue, type TaskType } from "@/lib/values/value";

/** Leases the next item for this annotator and returns what the review screen shows, or null when the queue is empty. */
export async function claimNextItem(access: ProjectAccess, skipItemIds: number[] = []): Promise<ReviewTask | null> {
  return (await claimNext(access, skipItemIds)).task;
}

/**
 * claimNextItem, plus how many decisions the annotator made today (the review screen's counter).
 * At the project's daily cap no new item is leased (`capReached`); one already held is still served.
 */
export async function claimNext(
  access: ProjectAccess,
  skipItemIds: number[] = [],
): Promise<{ task: ReviewTask | null; reviewedToday: number; capReached: boolean }> {
  const database = await getDatabase();
  return database.rawTransaction(
    async (tx) => {
      const tried = [...skipItemIds];
      // An item this annotator already holds (prefetched, or shown before a reload) comes first.
      const [opening] = await tx.query<RenewRow>(
        renewHeldLease({ projectId: access.projectId, userId: access.userId, tried, leaseSeconds: REVIEW_LEASE_SECONDS, since: startOfToday() }),
        { prepare: true },
      );
      if (opening.held) return { task: toTask(opening.held, access.project.taskType), reviewedToday: opening.today, capReached: false };
      const { dailyCap } = access.project;
      if (dailyCap !== null && opening.today + (await openLeases(tx, access)) >= dailyCap)
        return { task: null, reviewedToday: opening.today, capReached: true };
      return { task: await leaseNewItem(tx, access, tried), reviewedToday: opening.today, capReached: false };
    },
    { softState: true },
  );
}

/**
 * Items this reviewer holds undecided (the one on screen while the next is leased in advance):
 * they count towards the daily cap, or the item leased ahead would take them one past it.
 */
async function openLeases(tx: SqlSession, access: ProjectAccess): Promise<number> {
  const [r] = await tx.query<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM "ReviewAssignment" WHERE "projectId" = ${access.projectId} AND "annotatorId" = ${access.userId}
          AND "doneAt" IS NULL AND "leasedUntil" > now()`,
  );
  return r.n;
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
    const id = await pickFor(tx, access, tried);
    if (id === null) return null;
    const leased = await tx.query<TaskRow>(
      leaseItem({ projectId: access.projectId, userId: access.userId, itemId: id, leaseSeconds: REVIEW_LEASE_SECONDS, k, blindShare }),
      { prepare: true },
    );
    if (leased.length) return toTask(leased[0], access.project.taskType);
    tried.push(id); // filled up meanwhile: try the next one
  }
  return null;
}

type Stream = () => Promise<number | null>;

/**
 * The next candidate, locked. In random order, one walk over every item: the blind slice and the
 * audit items come up where chance puts them. In any other order three streams take turns by a
 * coin per claim: the blind slice (items whose draw is below the blind share) with probability
 * blindShare, the audit items with probability auditShare, both walked in random order, and the
 * rest in the project's order. So the reviewed blind items are a random sample of every item
 * whatever the order (certificates and blind figures stay honest), their places in a queue follow
 * no stride, and audits are checked even when the order would put them last. A stream that is
 * empty hands the claim to the next.
 */
async function pickFor(tx: SqlSession, access: ProjectAccess, tried: number[]): Promise<number | null> {
  const { reviewersPerItem: k, queueOrder: order, blindShare, auditShare } = access.project;
  const who = { projectId: access.projectId, userId: access.userId, k, tried };
  const first = async (statement: Sql): Promise<number | null> => {
    const rows = await tx.query<{ id: number }>(statement, { prepare: true });
    return rows.length ? Number(rows[0].id) : null;
  };
  // Random order from this member's own starting point on, then the stretch before it.
  const randomWalk =
    (where?: Sql): Stream =>
    async () =>
      (await first(pickCandidate({ ...who, order: "RANDOM", part: "from", where }))) ??
      (await first(pickCandidate({ ...who, order: "RANDOM", part: "before", where })));
  const rest = sql`NOT ${inBlindSlice(blindShare)} AND NOT i."autoAudit"`;
  // Where two prompt versions disagree, the lead asked for those first (lib/alignment/acquire.ts);
  // never blind-slice or audit items, whose streams keep their own random order.
  const reviewFirst = () => first(pickReviewFirst({ ...who, where: rest }));
  if (order === "RANDOM") return (await reviewFirst()) ?? randomWalk()();
  const blindStream = randomWalk(inBlindSlice(blindShare));
  const auditStream = randomWalk(sql`i."autoAudit"`);
  const inOrder: Stream = isItemOrder(order)
    ? () => first(pickCandidate({ ...who, order, where: rest }))
    : // The learner's orders; items it has not scored yet (added since it trained) come after, in import order.
      async () =>
        (await first(pickLearnerCandidate({ ...who, disagreementFirst: order !== "LEARNER_UNCERTAIN", where: rest }))) ??
        (await first(pickCandidate({ ...who, order: "IMPORT_ORDER", where: rest })));
  const ordered: Stream = async () => (await reviewFirst()) ?? inOrder();
  const coin = Math.random();
  const streams =
    coin < blindShare
      ? [blindStream, auditStream, ordered]
      : coin < blindShare + auditShare
        ? [auditStream, ordered, blindStream]
        : [ordered, blindStream, auditStream];
  for (const stream of streams) {
    const id = await stream();
    if (id !== null) return id;
  }
  return null;
}

/** The suggestion goes out only when the item is outside the blind slice (fixed when it was leased). */
export function toTask(row: TaskRow, taskType: TaskType): ReviewTask {
  return {
    item: {
      id: Number(row.itemId),
      externalId: row.externalId,
      text: row.text,
      synthetic: row.synthetic === true,
      ...(row.pair ? { pair: row.pair } : {}),
      ...(row.image ? { image: row.image } : {}),
      ...(row.distress?.length ? { distress: row.distress } : {}),
    },
    blind: row.blind,
    suggestion: row.blind || !row.suggestion ? null : { ...row.suggestion, value: parseValue(taskType, row.suggestion.value) },
    leasedUntil: new Date(row.leasedUntil).toISOString(),
  };
}
