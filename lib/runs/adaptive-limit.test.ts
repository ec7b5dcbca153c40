import { describe, expect, it } from "vitest";
import { AdaptiveLimit } from "@/lib/runs/adaptive-limit";

describe("AdaptiveLimit", () => {
  it("ignores scattered 429s", () => {
    const l = new AdaptiveLimit(32);
    for (let i = 0; i < 500; i++) {
      if (i % 10 === 0) l.onRateLimited();
      else l.onSuccess();
    }
    expect(l.value).toBe(32);
  });

  it("backs off when most requests are limited, then recovers", () => {
    const l = new AdaptiveLimit(32);
    for (let i = 0; i < 100; i++) {
      if (i % 2 === 0) l.onRateLimited();
      else l.onSuccess();
    }
    expect(l.value).toBeLessThan(16);
    const low = l.value;
    for (let i = 0; i < 2000; i++) l.onSuccess();
    expect(l.value).toBe(32);
    expect(low).toBeGreaterThanOrEqual(1);
  });
});
