import { describe, expect, it } from "vitest";
import { jaccard, NearDuplicateIndex, normalize, shingles } from "@/lib/synthesis/near-duplicates";

const BASE = "Your parcel could not be delivered today. Reply with your card number to reschedule the delivery.";

describe("near-duplicates", () => {
  it("normalizes case, punctuation and spacing, in any script", () => {
    expect(normalize("  Hello,   WORLD!! 42 ")).toBe("hello world 42");
    expect(normalize("Ｃａｆé — déjà vu")).toBe("café déjà vu");
    expect(normalize("🙂 emoji 😀 only")).toBe("emoji only");
  });

  it("scores light edits high and distinct texts low", () => {
    const sim = (a: string, b: string) => jaccard(shingles(a), shingles(b));
    expect(sim(BASE, BASE.toUpperCase().replace(/\./g, "!"))).toBe(1);
    expect(sim(BASE, BASE.replace("today", "this morning"))).toBeGreaterThan(0.75);
    expect(sim(BASE, `${BASE} Thanks.`)).toBeGreaterThan(0.85);
    expect(sim(BASE, "The quarterly report shows revenue growth in every region except the north.")).toBeLessThan(0.1);
  });

  it("finds crafted near-duplicates among many texts, and nothing for a new one", () => {
    const index = new NearDuplicateIndex(0.7);
    for (let i = 0; i < 2000; i++)
      index.add(
        shingles(`Ticket ${i * 7919}: the ${["printer", "router", "laptop", "badge"][i % 4]} on floor ${i % 13} stopped working after update ${i * 31}.`),
      );
    const target = index.add(shingles(BASE));
    expect(index.matches(shingles(BASE.replace("card number", "credit card number"))).map((m) => m.index)).toEqual([target]);
    expect(index.matches(shingles(BASE.toLowerCase()))).toEqual([{ index: target, similarity: 1 }]);
    expect(index.matches(shingles("Please remember to bring snacks for the team offsite next Thursday."))).toEqual([]);
  });

  it("compares very short texts exactly", () => {
    const index = new NearDuplicateIndex(0.7);
    const i = index.add(shingles("Hi!"));
    expect(index.matches(shingles("hi"))).toEqual([{ index: i, similarity: 1 }]);
    expect(index.matches(shingles("yo"))).toEqual([]);
  });
});
