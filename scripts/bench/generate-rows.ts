// Deterministic, realistic-looking items for benchmarks: review-like texts of 100-2,000 characters
// with metadata. The same generator feeds the importer (as JSONL) and the COPY baseline.
import { seededRandom } from "@/lib/random";

const WORDS = (
  "the battery lasts all day but charging is slow and the screen scratches easily i would buy it again " +
  "delivery was late support never answered my email the refund took three weeks great value for money " +
  "sound quality is excellent bass is deep the app keeps crashing after the update works as described " +
  "packaging was damaged product arrived broken customer service replaced it quickly highly recommended " +
  "terrible experience never again fits perfectly colour is different from the photos instructions unclear"
).split(" ");
const SOURCES = ["web", "app", "email", "store"];
const LANGS = ["en", "en", "en", "de", "fr", "es"];

/** The same seed gives the same dataset on every run. */
export const rng = seededRandom;

export type BenchRow = { id: string; text: string; metadata: Record<string, unknown> };

export function* benchRows(count: number, seed = 42): Generator<BenchRow> {
  const r = rng(seed);
  for (let i = 0; i < count; i++) {
    const target = 100 + Math.floor(r() * 1900);
    const parts: string[] = [];
    let len = 0;
    while (len < target) {
      const sentence = Array.from({ length: 6 + Math.floor(r() * 12) }, () => WORDS[Math.floor(r() * WORDS.length)]).join(" ");
      const s = sentence[0].toUpperCase() + sentence.slice(1) + (r() < 0.2 ? "!" : ".");
      parts.push(s);
      len += s.length + 1;
    }
    const text = parts.join(" ").slice(0, target);
    yield {
      id: `item-${i}`,
      text,
      metadata: {
        source: SOURCES[Math.floor(r() * SOURCES.length)],
        lang: LANGS[Math.floor(r() * LANGS.length)],
        rating: 1 + Math.floor(r() * 5),
        created_at: new Date(Date.UTC(2024, 0, 1) + Math.floor(r() * 365 * 86400_000)).toISOString(),
        tags: r() < 0.3 ? ["verified"] : [],
      },
    };
  }
}
