// Cancelling an import, an export or a synthesis job (also a paused one; status compared as text,
// since only synthesis jobs have PAUSED): the row leaves the queue and its runner loses the lease at
// its next write or heartbeat (the runner token is cleared), and stops. What was written stays
// (an import's rows); the caller removes what should not (an export's half file).
import { getDb } from "@/lib/db";
import { identifier, sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";

export async function cancelLeasedRow(table: "Import" | "Export" | "SynthesisJob", id: string, projectId: string, what: string): Promise<void> {
  const db = await getDb();
  const t = identifier(table);
  const n = await db.$executeRaw(
    sql`UPDATE ${t} SET status = 'CANCELLED', "runnerToken" = NULL, "finishedAt" = now()
        WHERE id = ${id} AND "projectId" = ${projectId} AND status::text IN ('QUEUED', 'RUNNING', 'PAUSED')`,
  );
  if (n === 1) return;
  const [row] = await db.$queryRaw<{ status: string }[]>(sql`SELECT status::text FROM ${t} WHERE id = ${id} AND "projectId" = ${projectId}`);
  if (!row) throw new AppError("NOT_FOUND", `${what} not found.`);
  throw new AppError("CONFLICT", `This ${what.toLowerCase()} is ${row.status.toLowerCase()}: only a waiting or running one can be cancelled.`);
}
