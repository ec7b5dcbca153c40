// pg-boss on the app's database: its own pool on PostgreSQL; on PGlite, through the one
// in-process instance (parameterless SQL may hold several statements, so it goes through exec).
import PgBoss from "pg-boss";
import { getDatabase } from "@/lib/db";

type Holder = { promise?: Promise<PgBoss> };
const holder: Holder = ((globalThis as Record<string, unknown>).__goldsetBoss ??= {}) as Holder;

export const QUEUES = { import: "import", prelabel: "prelabel-run", export: "export", audit: "autoaccept-audit", learner: "learner-train", webhooks: "webhook-deliver", synthesis: "synthesis", apply: "autoaccept-apply", alignment: "alignment-test" } as const;

/** The audit check and webhook sending are "short": at most one waiting per project (its singletonKey), however many asked. */
const POLICIES: Partial<Record<string, PgBoss.Queue["policy"]>> = { [QUEUES.audit]: "short", [QUEUES.webhooks]: "short" };

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
  if (p) await (await p).stop({ graceful: false, wait: true, close: true });
}

async function startBoss(): Promise<PgBoss> {
  const database = await getDatabase();
  const common = { schema: "pgboss", supervise: true, schedule: false, migrate: true } as const;
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
  boss.on("error", (err) => console.error("[jobs]", err));
  await boss.start();
  for (const name of Object.values(QUEUES)) await boss.createQueue(name, { name, policy: POLICIES[name] ?? "standard" });
  return boss;
}
