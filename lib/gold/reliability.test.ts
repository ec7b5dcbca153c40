import { describe, expect, it } from "vitest";
import { foldOf, reliabilityBeforeAfter } from "@/lib/gold/reliability";

describe("reliability before and after calibration", () => {
  it("shows an over-confident model's gap before and closes it after, measured out of fold", () => {
    // Says 0.95, right 70% of the time; says 0.6, right 60%.
    const items = Array.from({ length: 2000 }, (_, i) => ({ itemId: i + 1, confidence: i % 2 ? 0.95 : 0.6, correct: i % 2 ? i % 20 < 14 : i % 10 < 6 }));
    const r = reliabilityBeforeAfter(items);
    expect(r.before.ece).toBeGreaterThan(0.1);
    expect(r.after!.ece).toBeLessThan(0.03);
    expect(r.before.bins.reduce((s, b) => s + b.n, 0)).toBe(2000);
    expect(r.after!.bins.reduce((s, b) => s + b.n, 0)).toBe(2000);
  });

  it("does not flatter a calibrator fitted on noise: out of fold, pure noise stays miscalibrated", () => {
    // Every confidence distinct and the answers random: in-sample isotonic would fit the noise.
    let s = 11;
    const r = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const items = Array.from({ length: 400 }, (_, i) => ({ itemId: i + 1, confidence: 0.5 + r() / 2, correct: r() < 0.75 }));
    const out = reliabilityBeforeAfter(items);
    expect(out.after!.ece).toBeGreaterThan(0.02);
  });

  it("splits ids evenly, including every tenth id (systematic blind sampling)", () => {
    const tenth = Array.from({ length: 1000 }, (_, i) => foldOf((i + 1) * 10));
    const ones = tenth.filter(Boolean).length;
    expect(ones).toBeGreaterThan(400);
    expect(ones).toBeLessThan(600);
  });

  it("has no after when a half is empty", () => {
    expect(reliabilityBeforeAfter([{ itemId: 1, confidence: 0.9, correct: true }]).after).toBeNull();
  });
});
