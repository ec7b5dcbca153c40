import { describe, expect, it } from "vitest";
import { deltaForLook, nextLook, RECERTIFY_GROWTH } from "@/lib/gold/looks";
import { firstTestedN } from "@/lib/gold/certify";

describe("certificates over a version's life", () => {
  it("spends 0.9 delta on the first look and 0.1 delta / (j (j - 1)) on the j-th after it: never more than delta in all", () => {
    expect(deltaForLook(1)).toBeCloseTo(0.045, 12);
    expect(deltaForLook(2)).toBeCloseTo(0.005 / 2, 12);
    expect(deltaForLook(10)).toBeCloseTo(0.005 / 90, 12);
    let sum = 0;
    for (let j = 1; j <= 1000; j++) sum += deltaForLook(j);
    // 0.045 + 0.005 (1 - 1/1000): the later looks' share telescopes.
    expect(sum).toBeCloseTo(0.045 + 0.005 * (1 - 1 / 1000), 12);
    expect(sum).toBeLessThan(0.05);
  });

  it("keeps the certificate in force until the evidence doubles or the terms change", () => {
    const basis = { versionId: "v1", budget: 0.05, blindItems: 1000, budgetsKey: "" };
    expect(nextLook(null, basis)).toEqual({ look: 1, reuse: false });
    const prev = { ...basis, look: 3 };
    expect(nextLook(prev, { ...basis, blindItems: 1999 })).toEqual({ look: 3, reuse: true });
    expect(nextLook(prev, { ...basis, blindItems: 1000 * RECERTIFY_GROWTH })).toEqual({ look: 4, reuse: false });
    expect(nextLook(prev, { ...basis, budget: 0.02 })).toEqual({ look: 4, reuse: false });
    expect(nextLook(prev, { ...basis, budgetsKey: "spam:0.01" })).toEqual({ look: 4, reuse: false });
    // Another version starts its own sequence of looks.
    expect(nextLook(prev, { ...basis, versionId: "v2" })).toEqual({ look: 1, reuse: false });
  });

  it("starts the threshold scan where a small slice can still pass", () => {
    // 5% at 95.5%: 61 error-free items. A large slice starts at four times that, a small one at an eighth of it.
    expect(firstTestedN(61, 100_000, 4)).toBe(244);
    expect(firstTestedN(61, 1000, 4)).toBe(125);
    expect(firstTestedN(61, 300, 4)).toBe(61);
  });
});
