// Cancelling a batch-mode run cancels its batches at the API: requests not yet processed are
// never billed. A cancelled batch ends a little later ("canceling", then "ended"); until all have
// ended this job looks again every few seconds. Answers that came back anyway were paid for, so
// they are kept (settled like any other); the other items give their reservations back.
import type Anthropic from "@anthropic-ai/sdk";
import { getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { llmClient, toLlmError } from "@/lib/llm/client";
import { Lease } from "@/lib/jobs/lease";
import { collectBatch } from "@/lib/runs/batch-run";
import { preparePrompt } from "@/lib/prompts/context";
import { RUN_LEASE_SECONDS } from "@/lib/runs/run-step";
import { log } from "@/lib/observability/log";

const RECHECK_MS = 3000;

/** Null when every batch is cancelled and collected; else how long to wait before looking again. */
export async function cancelBatches(runId: string): Promise<{ waitMs: number } | null> {
  const lease = await Lease.claim("Run", runId, RUN_LEASE_SECONDS, {
    when: sql`status = 'CANCELLED' AND cardinality("batchIds") > 0
              AND ("runnerToken" IS NULL OR "heartbeatAt" IS NULL OR "heartbeatAt" < now() - make_interval(secs => ${RUN_LEASE_SECONDS}))`,
  });
  if (!lease) return null; // nothing to cancel, or another worker is at it
  const db = await getDb();
  try {
    const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { promptVersion: true } });
    const client: Anthropic = llmClient();
    const prompt = await preparePrompt(run.projectId, run.promptVersion);
    const runRef = { runId, projectId: run.projectId, promptVersionId: run.promptVersionId, modelId: prompt.ctx.modelId };
    let open = 0;
    for (const batchId of run.batchIds) {
      const batch = await client.messages.batches.retrieve(batchId);
      if (batch.processing_status === "ended") await collectBatch(client, runRef, prompt, batchId);
      else {
        open++;
        if (batch.processing_status === "in_progress") await client.messages.batches.cancel(batchId);
      }
    }
    return open ? { waitMs: RECHECK_MS } : null;
  } catch (raw) {
    const err = toLlmError(raw);
    if (err.retryable) return { waitMs: RECHECK_MS * 10 };
    log.error(`[run ${runId}] cancelling its batches`, { err: raw });
    throw raw;
  } finally {
    lease.stop();
    await db.$executeRaw(sql`UPDATE "Run" SET "runnerToken" = NULL WHERE id = ${runId} AND "runnerToken" = ${lease.token}`);
  }
}
