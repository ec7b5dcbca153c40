// The audit log has one writer: no other file inserts into it, every kind the code writes is in the
// union, and every kind in the union reads as words in the log (not as its code).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_KINDS } from "@/lib/audit/log";
import { describeEvent } from "@/lib/audit/read";

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return ["generated", "node_modules"].includes(e.name) ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const files = ["lib", "app", "components", "scripts"].flatMap((d) => sourceFiles(path.join(root, d)));
const writer = path.join(root, "lib/audit/log.ts");

describe("the audit log's one writer", () => {
  it("is the only code that inserts audit events", () => {
    const others = files.filter((f) => f !== writer && /INSERT INTO "AuditEvent"|auditEvent\.(create|createMany|upsert)\b/.test(fs.readFileSync(f, "utf8")));
    expect(others.map((f) => path.relative(root, f))).toEqual([]);
  });

  it("knows every kind the code writes", () => {
    const written = new Set<string>();
    for (const f of files) {
      const text = fs.readFileSync(f, "utf8");
      if (!/logAuditEvent|auditInsert|auditInsertFrom|: Log\b|event\(/.test(text)) continue;
      for (const m of text.matchAll(/["'`]((?:decision|gold|label|autoaccept|alignment)\.[a-z-]+)["'`]/g)) written.add(m[1]);
    }
    expect(written.size).toBeGreaterThan(10); // the scan finds the writers it is meant to check
    expect([...written].filter((k) => !(AUDIT_KINDS as readonly string[]).includes(k))).toEqual([]);
  });

  it("describes every kind in words for the log's page", () => {
    for (const kind of AUDIT_KINDS) {
      const words = describeEvent(kind, { action: "LABELED", value: { label: "spam" }, from: "a", to: "b", into: "c", name: "d" });
      expect(words, kind).not.toBe(kind);
      expect(words.length, kind).toBeGreaterThan(5);
    }
  });
});
