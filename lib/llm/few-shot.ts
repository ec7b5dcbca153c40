// Few-shot examples from the gold set: label-stratified, most similar to the item first (TF-IDF
// cosine over words), never the item itself. The index is built once per run.
import type { Pair } from "@/lib/pairwise/judge";
import type { FewShotExample } from "@/lib/llm/build-request";
import type { SuggestionValue } from "@/lib/values/value";

export type GoldExample = { itemId: number; text: string; value: SuggestionValue; pair?: Pair };

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * The label group an example stands for: its label, its label set, the labels of its spans, or a
 * rating's rounded mean level (so examples span the scale, low to high).
 */
export function stratum(v: SuggestionValue): string {
  if ("label" in v) return v.label;
  if ("labels" in v) return [...v.labels].sort().join("+") || "(none)";
  if ("scores" in v) {
    const levels = Object.values(v.scores);
    return levels.length ? `mean ${Math.round(levels.reduce((a, b) => a + b, 0) / levels.length)}` : "(none)";
  }
  return [...new Set(v.spans.map((s) => s.label))].sort().join("+") || "(none)";
}

export class FewShotIndex {
  private idf = new Map<string, number>();
  private docs: { ex: GoldExample; vec: Map<string, number>; norm: number; stratum: string }[];

  constructor(examples: GoldExample[]) {
    const df = new Map<string, number>();
    const tfs = examples.map((ex) => {
      const tf = new Map<string, number>();
      for (const w of words(ex.text)) tf.set(w, (tf.get(w) ?? 0) + 1);
      for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
      return tf;
    });
    for (const [w, n] of df) this.idf.set(w, Math.log((1 + examples.length) / (1 + n)) + 1);
    this.docs = examples.map((ex, i) => {
      const vec = this.weigh(tfs[i]);
      return { ex, vec, norm: Math.hypot(...vec.values()), stratum: stratum(ex.value) };
    });
  }

  private weigh(tf: Map<string, number>) {
    const v = new Map<string, number>();
    for (const [w, n] of tf) v.set(w, (1 + Math.log(n)) * (this.idf.get(w) ?? 1));
    return v;
  }

  select(itemId: number, text: string, k: number): FewShotExample[] {
    if (!this.docs.length || k <= 0) return [];
    const tf = new Map<string, number>();
    for (const w of words(text)) tf.set(w, (tf.get(w) ?? 0) + 1);
    const q = this.weigh(tf);
    const qn = Math.hypot(...q.values()) || 1;
    const scored = this.docs
      .filter((d) => d.ex.itemId !== itemId)
      .map((d) => {
        let dot = 0;
        for (const [w, x] of q) dot += x * (d.vec.get(w) ?? 0);
        return { d, score: dot / (qn * (d.norm || 1)) };
      })
      .sort((a, b) => b.score - a.score);
    // Round-robin over label groups, each group's most similar example first, so every label is
    // shown before any label is shown twice.
    const groups = new Map<string, typeof scored>();
    for (const s of scored) groups.set(s.d.stratum, [...(groups.get(s.d.stratum) ?? []), s]);
    const picked: typeof scored = [];
    while (picked.length < k && [...groups.values()].some((g) => g.length)) {
      for (const g of [...groups.values()].sort((a, b) => (b[0]?.score ?? -1) - (a[0]?.score ?? -1))) {
        const next = g.shift();
        if (next && picked.length < k) picked.push(next);
      }
    }
    return picked.sort((a, b) => b.score - a.score).map((p) => ({ text: p.d.ex.text, value: p.d.ex.value, ...(p.d.ex.pair ? { pair: p.d.ex.pair } : {}) }));
  }
}
