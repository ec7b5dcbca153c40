// Convention 12: every table, column, type and index a hand-written statement names in double
// quotes must exist, so renaming one in the schema fails here rather than in production. The
// statements are found by parsing the sources: every sql`...` template and trusted("...") constant.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === "generated" || d.name === "node_modules" ? [] : sourceFiles(p);
    return /\.tsx?$/.test(d.name) && !d.name.endsWith(".test.ts") ? [p] : [];
  });
}

/** The SQL text of every sql`...` template and trusted("...") call in a file. */
function statementsIn(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isTaggedTemplateExpression(node) && node.tag.getText() === "sql") {
      const t = node.template;
      out.push(ts.isNoSubstitutionTemplateLiteral(t) ? t.text : [t.head.text, ...t.templateSpans.map((s) => s.literal.text)].join(" ? "));
    }
    if (ts.isCallExpression(node) && node.expression.getText() === "trusted" && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0]))
      out.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe("hand-written SQL", () => {
  it("names only tables, columns, types and indexes that exist", async () => {
    const db = await getDb();
    const rows = await db.$queryRaw<{ name: string }[]>(sql`
      SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'
      UNION SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'
      UNION SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public'
      UNION SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`);
    const known = new Set(rows.map((r) => r.name));
    const unknown: string[] = [];
    let checked = 0;
    for (const file of [...sourceFiles(path.join(process.cwd(), "lib")), ...sourceFiles(path.join(process.cwd(), "app"))]) {
      // Single-quoted strings are values (a to_char pattern may quote letters), not names.
      // Collations ("C") are names of the server, not of the schema.
      const text = statementsIn(file)
        .join("\n")
        .replace(/'(?:[^']|'')*'/g, "''")
        .replace(/COLLATE\s+"[^"]+"/gi, "COLLATE");
      // Names a statement gives its own results ("AS x") are not in the schema.
      const aliases = new Set([...text.matchAll(/\bAS\s+"([^"]+)"/gi)].map((m) => m[1]));
      for (const m of text.matchAll(/"([A-Za-z_][A-Za-z0-9_]*)"/g)) {
        checked++;
        if (!known.has(m[1]) && !aliases.has(m[1])) unknown.push(`${path.relative(process.cwd(), file)}: "${m[1]}"`);
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(unknown).toEqual([]);
  });
});
