// The learner as the app uses it: a lead asks for a training (a background job), the Quality page
// reads the latest scores, and the latest gold-trained model is downloaded or predicts for the API.
import { getDatabase, getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import type { ProjectAccess } from "@/lib/auth/access";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/define";
import { learnerQueue } from "@/lib/learner/job-queues";
import { loadLearner, predict, type LearnerFile, type LoadedLearner } from "@/lib/learner/predict.mjs";
import type { Scoreboard } from "@/lib/learner/scoreboard";
import { breathe } from "@/lib/learner/train";
import { hasTaskLearner } from "@/lib/learner/task-types";

/** The fewest human gold labels worth training on (below it, every figure is noise). */
export const MIN_GOLD = 20;
/** A training still RUNNING after this long died with its worker: another may start. */
const STALE_MS = 30 * 60_000;

export type TrainingSummary = {
  id: string;
  status: "QUEUED" | "RUNNING" | "READY" | "FAILED";
  error: string | null;
  goldItems: number;
  llmItems: number;
  scores: Scoreboard | null;
  createdAt: Date;
  finishedAt: Date | null;
};

export async function requestTraining(access: ProjectAccess): Promise<TrainingSummary> {
  if (!hasTaskLearner(access.project.taskType)) {
    throw new AppError("VALIDATION", "The task learner handles single-label and multi-label projects; span and pairwise projects are not supported yet.");
  }
  const db = await getDb();
  const gold = await db.goldLabel.count({ where: { projectId: access.projectId, source: { not: "AUTO" } } });
  if (gold < MIN_GOLD)
    throw new AppError("VALIDATION", `The learner needs at least ${MIN_GOLD} human gold labels; this project has ${gold}. Review more items first.`);
  const busy = await db.learnerTraining.findFirst({
    where: { projectId: access.projectId, OR: [{ status: "QUEUED" }, { status: "RUNNING", startedAt: { gt: new Date(Date.now() - STALE_MS) } }] },
  });
  if (busy) throw new AppError("CONFLICT", "A training is already queued or running for this project.");
  const row = await db.learnerTraining.create({ data: { projectId: access.projectId, requestedById: access.userId } });
  await enqueue(learnerQueue, { trainingId: row.id, projectId: access.projectId });
  return summary(row);
}

const SUMMARY = { id: true, status: true, error: true, goldItems: true, llmItems: true, scores: true, createdAt: true, finishedAt: true } as const;

function summary(row: {
  id: string;
  status: string;
  error: string | null;
  goldItems: number;
  llmItems: number;
  scores: unknown;
  createdAt: Date;
  finishedAt: Date | null;
}): TrainingSummary {
  return { ...row, status: row.status as TrainingSummary["status"], scores: (row.scores ?? null) as Scoreboard | null };
}

/** The latest training (any status) and the latest finished one, without model files. */
export async function learnerStatus(access: ProjectAccess): Promise<{ latest: TrainingSummary | null; ready: TrainingSummary | null }> {
  const db = await getDb();
  // Only READY trainings have scores, and the latest READY one is `ready`: the scores (which can be
  // large) are read once, and `latest` reuses them when it is that same training.
  const [latest, ready] = await Promise.all([
    db.learnerTraining.findFirst({ where: { projectId: access.projectId }, orderBy: { createdAt: "desc" }, select: { ...SUMMARY, scores: false } }),
    db.learnerTraining.findFirst({ where: { projectId: access.projectId, status: "READY" }, orderBy: { createdAt: "desc" }, select: SUMMARY }),
  ]);
  const readySummary = ready && summary(ready);
  return { latest: latest && (latest.id === ready?.id ? readySummary : summary({ ...latest, scores: null })), ready: readySummary };
}

/** The latest model file: trained on human gold, or distilled from the LLM's labels. */
export async function latestLearnerFile(access: ProjectAccess, which: "gold" | "distilled"): Promise<{ trainingId: string; file: LearnerFile }> {
  const db = await getDb();
  const row = await db.learnerTraining.findFirst({
    where: { projectId: access.projectId, status: "READY" },
    orderBy: { createdAt: "desc" },
    select: { id: true, goldModel: which === "gold", distilledModel: which === "distilled" },
  });
  const file = (which === "gold" ? row?.goldModel : row?.distilledModel) as LearnerFile | null | undefined;
  if (!row || !file)
    throw new AppError(
      "NOT_FOUND",
      which === "gold"
        ? "No trained learner yet. Train one on the Quality page."
        : "No distilled learner yet: it needs items the LLM labeled without human gold.",
    );
  return { trainingId: row.id, file };
}

// Loaded models by training id: a model file is a few MB of JSON, parsed once per process.
const loaded = new Map<string, LoadedLearner>();

/** The latest gold-trained learner's labels and probabilities for each text. */
export async function predictTexts(access: ProjectAccess, texts: string[]) {
  const { trainingId, file } = await latestLearnerFile(access, "gold");
  let learner = loaded.get(trainingId);
  if (!learner) {
    learner = loadLearner(file);
    if (loaded.size >= 8) loaded.delete(loaded.keys().next().value!);
    loaded.set(trainingId, learner);
  }
  // A thousand long texts take a few hundred ms: the event loop gets a turn between slices.
  const predictions = [];
  for (let i = 0; i < texts.length; i++) {
    predictions.push(predict(learner, texts[i]));
    if (i % 25 === 24) await breathe();
  }
  return { trainingId, predictions };
}

/** New human gold labels after which a project on a learner queue order trains again. */
export const RETRAIN_EVERY = 200;

/**
 * Projects whose review queue follows the learner train again once RETRAIN_EVERY new human gold
 * labels have come in since the last training (or, never trained, once they have that many), so
 * the queue follows what people have taught it. Run by the worker's sweep. Returns the projects it started a training for.
 */
export async function retrainWhereDue(every = RETRAIN_EVERY): Promise<string[]> {
  const database = await getDatabase();
  const due = await database.query<{ id: string }>(
    sql`SELECT p.id FROM "Project" p
        WHERE p."queueOrder"::text LIKE 'LEARNER%' AND p."taskType" NOT IN ('SPANS', 'PAIRWISE') AND p."archivedAt" IS NULL
          -- A training that failed in the last hour is not retried every minute.
          AND NOT EXISTS (SELECT 1 FROM "LearnerTraining" t WHERE t."projectId" = p.id AND t.status = 'FAILED' AND t."finishedAt" > now() - interval '1 hour')
          AND NOT EXISTS (SELECT 1 FROM "LearnerTraining" t WHERE t."projectId" = p.id
                          AND (t.status = 'QUEUED' OR (t.status = 'RUNNING' AND t."startedAt" > now() - make_interval(secs => ${STALE_MS / 1000}))))
          AND (SELECT count(*) FROM "GoldLabel" g WHERE g."projectId" = p.id AND g.source <> 'AUTO')
              >= GREATEST(${MIN_GOLD}, COALESCE((SELECT t."goldItems" FROM "LearnerTraining" t WHERE t."projectId" = p.id AND t.status = 'READY' ORDER BY t."createdAt" DESC LIMIT 1), 0) + ${every})`,
  );
  const db = await getDb();
  const started: string[] = [];
  for (const { id: projectId } of due) {
    const row = await db.learnerTraining.create({ data: { projectId } });
    await enqueue(learnerQueue, { trainingId: row.id, projectId });
    started.push(projectId);
  }
  return started;
}
