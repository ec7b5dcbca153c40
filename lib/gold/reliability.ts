// The reliability diagram before and after calibration, for the auto-accept card. "Before" bins
// the model's raw confidence; "after" bins the calibrated confidence, cross-fitted: each blind
// item is calibrated by a map fitted on the other half of the slice. Calibrating items with a map
// fitted on themselves would look perfectly calibrated by construction and say nothing.
import { calibration, type Calibration } from "@/lib/stats/measures";
import { calibrate, fitIsotonic } from "@/lib/gold/calibrate";

export type JudgedItem = { itemId: number; confidence: number; correct: boolean };
export type BeforeAfter = { before: Pick<Calibration, "bins" | "ece">; after: Pick<Calibration, "bins" | "ece"> | null };

const BINS = 10;

/** Which half an item falls in: a hash of its id, since blind items are sampled at regular id steps. */
export const foldOf = (itemId: number) => (Math.imul(itemId, 0x9e3779b1) >>> 16) & 1;

function binned(points: { confidence: number; correct: boolean }[]) {
  const rows = Array.from({ length: BINS }, (_, bin) => ({ bin, n: 0, confidenceSum: 0, correct: 0 }));
  for (const p of points) {
    const r = rows[Math.min(BINS - 1, Math.max(0, Math.floor(p.confidence * BINS)))];
    r.n++;
    r.confidenceSum += p.confidence;
    r.correct += Number(p.correct);
  }
  const { bins, ece } = calibration(rows, BINS);
  return { bins, ece };
}

/** Raw against cross-fitted calibrated confidence on the same blind items. After is null when a half is empty. */
export function reliabilityBeforeAfter(items: JudgedItem[]): BeforeAfter {
  const before = binned(items);
  const halves = [0, 1].map((f) => items.filter((i) => foldOf(i.itemId) === f));
  if (halves.some((h) => !h.length)) return { before, after: null };
  const maps = halves.map((h) => fitIsotonic(h)!);
  // Items of half f are calibrated by the map fitted on the other half.
  const calibrated = items.map((i) => ({ confidence: calibrate(maps[1 - foldOf(i.itemId)], i.confidence), correct: i.correct }));
  return { before, after: binned(calibrated) };
}
