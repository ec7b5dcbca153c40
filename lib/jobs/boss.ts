// pg-boss on the app's database: its own pool on PostgreSQL; on PGlite, through the one
// in-process instance (parameterless SQL may hold several statements, so it goes through exec).
import PgBoss from "pg-boss";
import { getDatabase } from "@/lib/db";
import { log } from "@/lib/observability/log";

type Holder = { promise?: Promise<PgBoss>; created?: Set<string> };
const holder: Holder = ((globalThis as Record<string, unknown>).__goldsetBoss ??= {}) as Holder;

export function getBoss(): Promise<PgBoss> {
  holder.promise ??= startBoss().catch((err) => {
    holder.promise = undefined;
    throw err;
  });
  return holder.promise;
}

export async function stopBoss(): Promise<void> {
  const p = holder.promise;
  holder.promise = undefined;
  holder.created = undefined;
  if (p) await (await p).stop({ graceful: false, wait: true, close: true });
}

async function startBoss(): Promise<PgBoss> {
  const database = await getDatabase();
  const common = { schema: "pgboss", supervise: true, schedule: true, migrate: true } as const;
  let boss: PgBoss;
  if (database.kind === "postgres") {
    boss = new PgBoss({ ...common, connectionString: database.url, max: 4 });
  } else {
    const pglite = database.pglite!;
    boss = new PgBoss({
      ...common,
      db: {
        async executeSql(text: string, values: unknown[] = []) {
          if (!values?.length) {
            const results = await pglite.exec(text);
            return { rows: results.at(-1)?.rows ?? [] };
          }
          return pglite.query(text, values);
        },
      },
    });
  }
  boss.on("error", (err) => log.error("[jobs]", { err }));
  await boss.start();
  return boss;
}

/**
 * pg-boss sends only to queues that exist: each is created (idempotently) the first time this
 * process sends to it or works on it. "short": at most one job waits (per singletonKey).
 */
export async function ensureQueue(boss: PgBoss, name: string, policy: "standard" | "short" = "standard"): Promise<void> {
  holder.created ??= new Set();
  if (holder.created.has(name)) return;
  await boss.createQueue(name, { name, policy });
  holder.created.add(name);
}
