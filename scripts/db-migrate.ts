// `npm run db:migrate`: applies pending migrations (PostgreSQL with DATABASE_URL, else PGlite)
// without starting the app. The app does the same at start-up.
import { closeDatabase, getDatabase } from "@/lib/db";

const db = await getDatabase();
console.log(`[db] ${db.kind === "postgres" ? "PostgreSQL" : "PGlite"} is up to date.`);
await closeDatabase();
