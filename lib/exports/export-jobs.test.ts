// Exports as background jobs: a worker killed mid-file is replaced by the sweep and the engine,
// and the file comes out the same; failed exports start over; files expire after retention.
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { getDatabase, getDb } from "@/lib/db";
import { exportPath, runExport, SimulatedExportCrash } from "@/lib/exports/run-export";
import { cancelExport, exportFile, listExports, retryExport } from "@/lib/exports/exports";
import { deleteExpiredFiles } from "@/lib/worker/files";
import { exportJob } from "@/lib/exports/worker-jobs";
import { startWorker, stopWorker } from "@/lib/worker";
import { stopBoss } from "@/lib/jobs/boss";
import { leadAccess } from "@/lib/testing/factories";
import { reviewedProject } from "@/lib/testing/export-fixtures";
import { waitFor } from "@/lib/testing/wait";

afterAll(async () => {
  await stopWorker();
  await stopBoss();
});

async function newExport(lead: { id: string }, projectId: string) {
  const db = await getDb();
  return db.export.create({ data: { projectId, createdById: lead.id, format: "JSONL", options: {}, fileName: "x.jsonl" } });
}

describe("export jobs", () => {
  it("picks up an export whose worker died mid-file, and finishes it with the same sha256", async () => {
    const { lead, projectId } = await reviewedProject(5000);
    const db = await getDb();
    const clean = await newExport(lead, projectId);
    expect(await runExport(clean.id)).toBe("done");
    const expected = (await db.export.findUniqueOrThrow({ where: { id: clean.id } })).sha256;

    const killed = await newExport(lead, projectId);
    await expect(runExport(killed.id, { faults: { crashAfterBatches: 1 } })).rejects.toBeInstanceOf(SimulatedExportCrash);
    const dead = await db.export.findUniqueOrThrow({ where: { id: killed.id } });
    expect(dead).toMatchObject({ status: "RUNNING", sha256: null, storagePath: null });
    // What a dead worker leaves: half a file under its temporary name.
    const partial = `${exportPath(killed.id)}.partial`;
    expect(fs.statSync(partial).size).toBeGreaterThan(0);
    // The dead worker's heartbeat goes stale; the sweep queues the export again and the engine runs it.
    await db.export.update({ where: { id: killed.id }, data: { heartbeatAt: new Date(Date.now() - 10 * 60_000) } });
    expect(await exportJob.recover!()).toBe(1);
    await startWorker();
    const finished = await waitFor("the recovered export to finish", async () => {
      const e = await db.export.findUniqueOrThrow({ where: { id: killed.id } });
      return e.status === "DONE" && e;
    });
    expect(finished.sha256).toBe(expected);
    expect(finished.attempts).toBe(2);
    expect(finished.rowsDone).toBe(5000);
    expect(fs.existsSync(`${finished.storagePath}.partial`)).toBe(false);
  });

  it("starts a failed export over when asked, and only a failed one", async () => {
    const { lead, projectId } = await reviewedProject(30);
    const db = await getDb();
    const access = await leadAccess(lead.id, projectId);
    const e = await newExport(lead, projectId);
    await db.export.update({ where: { id: e.id }, data: { status: "FAILED", error: "boom", attempts: 3, rowsDone: 7, finishedAt: new Date() } });
    await startWorker();
    await retryExport(access, e.id);
    const done = await waitFor("the retried export to finish", async () => {
      const x = await db.export.findUniqueOrThrow({ where: { id: e.id } });
      return x.status === "DONE" && x;
    });
    expect(done).toMatchObject({ rowsDone: 30, error: null, attempts: 1 });
    await expect(retryExport(access, e.id)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("deletes files after the retention period, and the list and the download say so", async () => {
    const { lead, projectId } = await reviewedProject(10);
    const db = await getDb();
    const access = await leadAccess(lead.id, projectId);
    const e = await newExport(lead, projectId);
    expect(await runExport(e.id)).toBe("done");
    const { storagePath, finishedAt } = await db.export.findUniqueOrThrow({ where: { id: e.id } });
    const listed = (await listExports(access)).find((x) => x.id === e.id)!;
    expect(listed.expiresAt!.getTime() - finishedAt!.getTime()).toBe(7 * 24 * 3600 * 1000);
    // A stray file of a deleted project's export goes too.
    const stray = storagePath!.replace(e.id, "gone-export-id");
    fs.writeFileSync(stray, "x");
    fs.utimesSync(stray, new Date(Date.now() - 9 * 24 * 3600 * 1000), new Date(Date.now() - 9 * 24 * 3600 * 1000));

    expect(await deleteExpiredFiles(new Date(Date.now() + 6 * 24 * 3600 * 1000))).toBe(0 + 1); // only the stray one
    expect(fs.existsSync(storagePath!)).toBe(true);
    expect(await deleteExpiredFiles(new Date(Date.now() + 8 * 24 * 3600 * 1000))).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(storagePath!)).toBe(false);
    expect(fs.existsSync(stray)).toBe(false);
    const after = (await listExports(access)).find((x) => x.id === e.id)!;
    expect(after.fileDeletedAt).not.toBeNull();
    expect(after.expiresAt).toBeNull();
    await expect(exportFile(access, e.id)).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/deleted on .* kept 7 days/) });
  });

  it("cancels an export while it writes: no file is left, and it can be started again", async () => {
    // This test drives the export itself: the worker an earlier test started must not take it
    // first (its sweep requeues exports that have no job).
    await stopWorker();
    const { lead, projectId } = await reviewedProject(5000);
    const db = await getDb();
    const access = await leadAccess(lead.id, projectId);
    const e = await newExport(lead, projectId);
    // The cancel lands after the first batch is written (a poll for RUNNING could miss a fast export).
    // PGlite's one connection is held by the export's transaction, so there the cancel waits
    // for it and the export notices at its end; PostgreSQL notices at the next batch.
    let cancelling: Promise<unknown> | undefined;
    const afterBatch = async (batch: number) => {
      if (batch !== 1) return;
      cancelling = cancelExport(access, e.id);
      if ((await getDatabase()).kind === "postgres") await cancelling;
    };
    const writing = runExport(e.id, { faults: { afterBatch } });
    expect(await writing).toBe("lost");
    await cancelling;
    const after = await db.export.findUniqueOrThrow({ where: { id: e.id } });
    expect(after).toMatchObject({ status: "CANCELLED", sha256: null, storagePath: null });
    expect(fs.existsSync(exportPath(e.id))).toBe(false);
    expect(fs.existsSync(`${exportPath(e.id)}.partial`)).toBe(false);
    await expect(cancelExport(access, e.id)).rejects.toMatchObject({ code: "CONFLICT" });
    await retryExport(access, e.id);
    expect(await runExport(e.id)).toBe("done");
  });
});
