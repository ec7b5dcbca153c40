import { describe, expect, it } from "vitest";
import { readableEmail, sampleSpamAssassin } from "@/lib/demo/spam-assassin";

describe("SpamAssassin sample", () => {
  it("keeps the subject (with folded lines) and drops routing headers", () => {
    const { subject, body } = readableEmail("From: a@b\nSubject: Hello\n  world\nX-Foo: 1\n\nBody here\n");
    expect(subject).toBe("Hello world");
    expect(body).toBe("Body here");
  });

  it("is a fixed sample with both classes and the original label in metadata", () => {
    const a = [...sampleSpamAssassin(60)];
    const b = [...sampleSpamAssassin(60)];
    expect(a).toHaveLength(60);
    expect(a.map((e) => e.id)).toEqual(b.map((e) => e.id));
    const labels = new Set(a.map((e) => e.metadata.original_label));
    expect(labels).toEqual(new Set(["spam", "ham"]));
    expect(a.every((e) => e.text.startsWith("Subject: "))).toBe(true);
  });

  it("gives ids and an order that do not tell the label", () => {
    const a = [...sampleSpamAssassin(100)];
    expect(a.every((e) => /^mail-[0-9a-f]{10}$/.test(e.id))).toBe(true);
    expect(new Set(a.map((e) => e.id)).size).toBe(100);
    // The corpus comes group by group; the sample alternates: both labels in the first twenty.
    expect(new Set(a.slice(0, 20).map((e) => e.metadata.original_label))).toEqual(new Set(["spam", "ham"]));
    expect(a.every((e) => !/spam|ham/.test(e.id))).toBe(true);
  });
});
