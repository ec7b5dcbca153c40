// Simulated projects for bench:autoaccept. Each item has a model confidence c and a true chance p
// of the suggestion being right (a known function of c, "the shape"); whether it is right is drawn
// once. The project's own functions certify (lib/gold/certify.ts, at the spending of
// lib/gold/looks.ts) and judge the audit (lib/gold/sequential.ts); the simulation plays the parts
// people and the queue play: which items are blind (a per-item draw, as Item.blindDraw), which
// get reviewed and in what order, and which are accepted. The "true error" of accepted items is the
// mean of 1 - p over them, so a figure is about the promise, not about one draw's luck.
import { certifyThreshold } from "@/lib/gold/certify";
import { deltaForLook, nextLook, type PreviousLook } from "@/lib/gold/looks";
import { auditOver } from "@/lib/gold/sequential";
import { seededRandom } from "@/lib/random";

export const SHAPES: Record<string, (c: number) => number> = {
  calibrated: (c) => c,
  "over-confident": (c) => Math.max(0, c - 0.12),
  "under-confident": (c) => 1 - (1 - c) / 2,
  "sharp step": (c) => (c >= 0.85 ? 0.99 : 0.7),
};

export type SimItem = { c: number; p: number; correct: boolean; draw: number; key: number };

const clamp = (x: number) => Math.min(1, Math.max(0, x));

/** Confidences skewed high, in steps of 0.001, as models report them; a blind draw and a queue key per item. */
export function makeItems(seed: number, n: number, shape: (c: number) => number): SimItem[] {
  const r = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const c = Math.round((0.5 + 0.5 * Math.sqrt(r())) * 1000) / 1000;
    const p = clamp(shape(c));
    return { c, p, correct: r() < p, draw: r(), key: r() };
  });
}

export const trueError = (items: SimItem[]) => (items.length ? items.reduce((s, i) => s + (1 - i.p), 0) / items.length : 0);
const judged = (items: SimItem[]) => items.map((i) => ({ confidence: i.c, correct: i.correct }));
const byKey = (items: SimItem[]) => [...items].sort((a, b) => a.key - b.key);

/** The most items a threshold could accept within budget, known in hindsight from the true p's. */
export function hindsightBest(pool: SimItem[], budget: number): number {
  const sorted = [...pool].sort((a, b) => b.c - a.c);
  let err = 0;
  let best = 0;
  for (let i = 0; i < sorted.length; i++) {
    err += 1 - sorted[i].p;
    if ((i + 1 === sorted.length || sorted[i + 1].c !== sorted[i].c) && err / (i + 1) <= budget) best = i + 1;
  }
  return best;
}

/** One apply on a fresh project: blind slice of `blindShare`, all reviewed; certificate at the first look. */
export function oneApply(seed: number, shape: (c: number) => number, budget: number, opts: { items?: number; blindShare?: number } = {}) {
  const items = makeItems(seed, opts.items ?? 50_000, shape);
  const share = opts.blindShare ?? 0.1;
  const blind = items.filter((i) => i.draw < share);
  const rest = items.filter((i) => i.draw >= share);
  const cert = certifyThreshold(judged(blind), budget, { delta: deltaForLook(1) });
  const accepted = cert.threshold === null ? [] : rest.filter((i) => i.c >= cert.threshold!);
  return {
    violated: accepted.length > 0 && trueError(accepted) > budget,
    accepted: accepted.length,
    best: hindsightBest(rest, budget),
    total: rest.length,
    cert,
    acceptedItems: accepted,
  };
}

/**
 * The audit over a version's life: the certified project's accepted candidates, a share of them
 * audited by people in random order, the verdict checked after every audited decision. Healthy:
 * the accepted labels' true error is within the budget. Paused: the audit ever said "over".
 */
export function auditLife(seed: number, shape: (c: number) => number, budget: number, auditShare: number) {
  const { acceptedItems } = oneApply(seed, shape, budget, { items: 20_000 });
  const r = seededRandom(seed ^ 0x5bd1e995);
  const audited = acceptedItems.filter(() => r() < auditShare);
  const healthy = trueError(acceptedItems) <= budget;
  let errors = 0;
  let paused = false;
  for (const [n, item] of byKey(audited).entries()) {
    if (!item.correct) errors++;
    if (auditOver(errors, n + 1, budget)) {
      paused = true;
      break;
    }
  }
  return { healthy, paused, certified: acceptedItems.length > 0 };
}

/**
 * Two applies with a 20% audit share and the audited items reviewed in between. `feed`: the old
 * behaviour, where audited reviews became blind gold and the second certificate read them.
 */
export function auditFeedback(seed: number, shape: (c: number) => number, budget: number, feed: boolean) {
  const items = makeItems(seed, 20_000, shape);
  const share = 0.1;
  const blindSet = byKey(items.filter((i) => i.draw < share));
  const firstBlind = blindSet.slice(0, blindSet.length / 2);
  const candidates = items.filter((i) => i.draw >= share);
  const c1 = certifyThreshold(judged(firstBlind), budget, { delta: deltaForLook(1) });
  const r = seededRandom(seed ^ 0x27d4eb2d);
  const auditedSet = new Set<SimItem>();
  const accepted: SimItem[] = [];
  if (c1.threshold !== null) {
    for (const i of candidates.filter((x) => x.c >= c1.threshold!)) {
      if (r() < 0.2) auditedSet.add(i);
      else accepted.push(i);
    }
  }
  // In between: people review every audited item and the rest of the blind set.
  const secondSlice = feed ? [...blindSet, ...auditedSet] : blindSet;
  const c2 = certifyThreshold(judged(secondSlice), budget, { delta: feed ? deltaForLook(1) : deltaForLook(2) });
  const taken = new Set(accepted);
  if (c2.threshold !== null) for (const i of candidates) if (i.c >= c2.threshold && !taken.has(i) && !auditedSet.has(i)) accepted.push(i);
  return { violated: accepted.length > 0 && trueError(accepted) > budget };
}

/**
 * People review `reviews` items under "lowest confidence first": in the project's way (a blind
 * stream drawn at random, lib/reviews/claim-next.ts) or the old way (every 1/share-th claim of the
 * ordered queue blind). Then one certificate, and every unreviewed candidate above it accepted.
 */
export function orderedQueue(seed: number, shape: (c: number) => number, budget: number, way: "random blind stream" | "stride") {
  const items = makeItems(seed, 20_000, shape);
  const share = 0.1;
  const reviews = 16_000;
  const r = seededRandom(seed ^ 0x1b873593);
  const reviewed = new Set<SimItem>();
  const blindReviewed: SimItem[] = [];
  if (way === "stride") {
    const ordered = [...items].sort((a, b) => a.c - b.c || a.key - b.key).slice(0, reviews);
    for (const [k, i] of ordered.entries()) {
      reviewed.add(i);
      if (k % Math.round(1 / share) === 0) blindReviewed.push(i);
    }
  } else {
    const blindStream = byKey(items.filter((i) => i.draw < share));
    const ordered = items.filter((i) => i.draw >= share).sort((a, b) => a.c - b.c || a.key - b.key);
    let b = 0;
    let o = 0;
    for (let k = 0; k < reviews; k++) {
      const i = r() < share && b < blindStream.length ? blindStream[b++] : ordered[o++];
      reviewed.add(i);
      if (i.draw < share) blindReviewed.push(i);
    }
  }
  const cert = certifyThreshold(judged(blindReviewed), budget, { delta: deltaForLook(1) });
  const accepted = cert.threshold === null ? [] : items.filter((i) => i.c >= cert.threshold! && !reviewed.has(i) && (way === "stride" || i.draw >= share));
  return { violated: accepted.length > 0 && trueError(accepted) > budget };
}

/**
 * A model that is right 99% of the time except in its most confident tenth (confidence 0.974 and
 * up), which is right only 90% of the time: the top decile is worse than it looks. People review
 * four fifths of the items lowest confidence first, so what is left to accept is mostly that decile.
 */
export const topDecileWorse = (c: number) => (c >= 0.974 ? 0.9 : 0.99);

/**
 * Ten applies on one pool while the blind slice grows from a tenth of the blind set to all of it.
 * `spend`: the project's rule (alpha-spending over looks, lib/gold/looks.ts); without it every
 * apply certifies at the full 5%, as before.
 */
export function repeatedApplies(seed: number, shape: (c: number) => number, budget: number, spend: boolean) {
  const items = makeItems(seed, 20_000, shape);
  const share = 0.1;
  const blindSet = byKey(items.filter((i) => i.draw < share));
  const candidates = items.filter((i) => i.draw >= share);
  const accepted = new Set<SimItem>();
  let previous: PreviousLook | null = null;
  let threshold: number | null = null;
  for (let apply = 1; apply <= 10; apply++) {
    const blind = blindSet.slice(0, Math.round((blindSet.length * apply) / 10));
    const basis = { versionId: "v", budget, blindItems: blind.length, budgetsKey: "" };
    const look: { look: number; reuse: boolean } = spend ? nextLook(previous, basis) : { look: 1, reuse: false };
    if (!look.reuse) {
      threshold = certifyThreshold(judged(blind), budget, { delta: spend ? deltaForLook(look.look) : undefined }).threshold;
      previous = { ...basis, look: look.look };
    }
    if (threshold !== null) for (const i of candidates) if (i.c >= threshold) accepted.add(i);
  }
  return { violated: accepted.size > 0 && trueError([...accepted]) > budget };
}
