import { describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db";
import { readMigrations } from "@/lib/db/migrate";
import { sql } from "@/lib/db/sql";

describe("migrations at start-up", () => {
  it("records every migration in _prisma_migrations with the sha256 checksum prisma migrate deploy uses", async () => {
    const db = await getDatabase();
    const rows = await db.prisma.$queryRaw<{ migration_name: string; checksum: string; applied_steps_count: number }[]>(
      sql`SELECT migration_name, checksum, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const expected = readMigrations();
    expect(rows.map((r) => r.migration_name)).toEqual(expected.map((m) => m.name));
    expect(rows.map((r) => r.checksum)).toEqual(expected.map((m) => m.checksum));
    expect(rows.every((r) => Number(r.applied_steps_count) === 1)).toBe(true);
  });

  it("can query the schema through Prisma", async () => {
    const db = await getDatabase();
    expect(await db.prisma.user.count()).toBe(0);
  });
});
