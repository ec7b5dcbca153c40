import { describe, expect, it } from "vitest";
import { tokenBound, tokenBoundFromSizes } from "@/lib/llm/tokens";
import { fakeTokenCount } from "@/lib/testing/fake-anthropic/tokenizer";

const samples: Record<string, string> = {
  english: "The quarterly report shows revenue grew by eleven percent, driven by the new subscription tier. ".repeat(20),
  chinese: "本季度报告显示，在新的订阅层级的推动下，收入增长了百分之十一。".repeat(20),
  japanese: "今四半期の報告書によると、新しいサブスクリプション層が牽引し、売上高は11％増加しました。".repeat(20),
  korean: "이번 분기 보고서에 따르면 새로운 구독 등급에 힘입어 매출이 11% 증가했습니다.".repeat(20),
  russian: "Квартальный отчёт показывает, что выручка выросла на одиннадцать процентов.".repeat(20),
  arabic: "يُظهر التقرير الفصلي أن الإيرادات نمت بنسبة أحد عشر بالمائة.".repeat(20),
  hindi: "तिमाही रिपोर्ट से पता चलता है कि राजस्व में ग्यारह प्रतिशत की वृद्धि हुई।".repeat(20),
  emoji: "🎉🚀🔥👍🏽👨‍👩‍👧 ".repeat(40),
  mixed: "Order #4411 ✅ 发货 tomorrow — 배송 예정 🚚, Straße 5".repeat(20),
};

describe("token bound", () => {
  it.each(Object.keys(samples))("never undercounts %s text by more than 20% (against the fake's model of the tokenizer)", (name) => {
    const text = samples[name];
    expect(tokenBound(text)).toBeGreaterThanOrEqual(0.8 * fakeTokenCount(text));
    expect(tokenBound(text)).toBeGreaterThanOrEqual(fakeTokenCount(text));
  });

  it("counts CJK about one token a character and emoji more, where characters / 3 undercounts them several times", () => {
    const cjk = samples.chinese;
    const chars = [...cjk].length;
    expect(tokenBound(cjk)).toBeGreaterThanOrEqual(chars);
    expect(Math.ceil(cjk.length / 3) * 2.5).toBeLessThan(fakeTokenCount(cjk)); // the old estimate was off by more than 2.5x
    expect(tokenBound(samples.emoji)).toBeGreaterThan(samples.emoji.length);
  });

  it("stays close to English (a third more, not several times)", () => {
    const en = samples.english;
    expect(tokenBound(en) / fakeTokenCount(en)).toBeLessThan(1.4);
  });

  it("from summed sizes, is never below the per-text bound", () => {
    for (const text of Object.values(samples)) {
      expect(tokenBoundFromSizes([...text].length, Buffer.byteLength(text))).toBeGreaterThanOrEqual(tokenBound(text) - 1);
    }
  });
});
