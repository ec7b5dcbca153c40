// Reading the model's answers for one item: each sample's message is interpreted (refusal, cut
// off, no tool call, or an answer zod rejects are failures with their reason), then the k samples
// are settled into one outcome with its usage and cost. Direct and batch runs both end here, so
// the same answers give the same suggestion and confidence in either mode.
import type Anthropic from "@anthropic-ai/sdk";
import { toolAsk, type PromptContext } from "@/lib/llm/build-request";
import { validateAnswer } from "@/lib/llm/output-schema";
import { majority, type SuggestionValue } from "@/lib/values/value";
import { addUsage, costUsd, usageOf, zeroUsage, type Usage } from "@/lib/llm/pricing";
import { judgmentOf, orderOf, settleJudgments, type Judgment } from "@/lib/pairwise/judge";
import { taskTypeDef } from "@/lib/task-types";

export type Outcome =
  | {
      kind: "ok";
      value: SuggestionValue;
      confidence: number;
      confidenceSource: "VOTES" | "SELF_REPORTED";
      rationale: string | null;
      /** The rationale's quotes from the item, and whether they were all found there (null: not asked for). */
      evidence?: string[] | null;
      grounded?: boolean | null;
      /** The distress categories flagged: any sample's flag counts (null: none were asked about). */
      distress?: string[] | null;
    }
  | { kind: "failed"; reason: string };
/** `judgments`: a pairwise item's answer per request and order, kept whatever the outcome. */
export type Settled = { outcome: Outcome; usage: Usage; cost: number; latencyMs: number; judgments?: Judgment[] };
/** One sample: the API's message, or why there is none (an API error after retries, an errored batch request). */
export type Sample = { message: Anthropic.Message; latencyMs: number } | { error: string };

type Interpreted = {
  value?: SuggestionValue;
  confidence?: number;
  rationale?: string | null;
  evidence?: string[] | null;
  grounded?: boolean | null;
  distress?: string[] | null;
  reason?: string;
};

export function interpretMessage(ctx: PromptContext, message: Anthropic.Message, itemText: string): Interpreted {
  if (message.stop_reason === "refusal") return { reason: "the model refused to answer" };
  if (message.stop_reason === "max_tokens") return { reason: "the answer was cut off at max_tokens" };
  const tool = message.content.find((b) => b.type === "tool_use");
  if (!tool || tool.type !== "tool_use") return { reason: "the model answered without calling the tool" };
  const labels = ctx.labels.map((l) => l.name);
  const v = validateAnswer(ctx.taskType, labels, itemText, tool.input, toolAsk(ctx));
  return v.ok
    ? { value: v.value, confidence: v.confidence, rationale: v.rationale, evidence: v.evidence, grounded: v.grounded, distress: v.distress }
    : { reason: v.reason };
}

/**
 * k samples into one outcome. One sample: its answer with the model's own confidence. Several:
 * the majority answer, with its share of all k samples as the confidence (a failed sample counts
 * against the winner). `extraCostUsd`: what requests without an answer may have cost (timeouts).
 */
export function settleSamples(ctx: PromptContext, itemText: string, samples: Sample[], opts: { batch?: boolean; extraCostUsd?: number } = {}): Settled {
  const usage = zeroUsage();
  let latencyMs = 0;
  const answers: Interpreted[] = samples.map((s) => {
    if ("error" in s) return { reason: s.error };
    latencyMs += s.latencyMs;
    addUsage(usage, usageOf(s.message));
    return interpretMessage(ctx, s.message, itemText);
  });
  const cost = costUsd(ctx.modelId, usage, { batch: opts.batch }) + (opts.extraCostUsd ?? 0);
  if (taskTypeDef(ctx.taskType).content === "pair") return settlePair(ctx, samples, answers, { usage, cost, latencyMs }, opts.batch ?? false);
  const good = answers.filter((a) => a.value);
  if (!good.length) return { outcome: { kind: "failed", reason: answers[0]?.reason ?? "no answer" }, usage, cost, latencyMs };
  if (samples.length === 1) {
    const a = good[0];
    return {
      outcome: {
        kind: "ok",
        value: a.value!,
        confidence: a.confidence!,
        confidenceSource: "SELF_REPORTED",
        rationale: a.rationale ?? null,
        evidence: a.evidence ?? null,
        grounded: a.grounded ?? null,
        distress: a.distress ?? null,
      },
      usage,
      cost,
      latencyMs,
    };
  }
  const top = majority(good.map((a) => a.value!))!;
  const share = (top.share * good.length) / samples.length;
  // The rationale (and its evidence) of the first sample that gave the winning answer.
  const winner = good.find((a) => JSON.stringify(a.value) === JSON.stringify(top.value));
  return {
    outcome: {
      kind: "ok",
      value: top.value,
      confidence: share,
      confidenceSource: "VOTES",
      rationale: winner?.rationale ?? null,
      evidence: winner?.evidence ?? null,
      grounded: winner?.grounded ?? null,
      // Care errs on the side of warning: a category any sample saw is flagged.
      distress: good[0].distress ? [...new Set(good.flatMap((a) => a.distress ?? []))] : null,
    },
    usage,
    cost,
    latencyMs,
  };
}

/** A pairwise item's requests (each sample in both orders) settled by lib/pairwise/judge.ts. */
function settlePair(ctx: PromptContext, samples: Sample[], answers: Interpreted[], totals: Omit<Settled, "outcome">, batch: boolean): Settled {
  const judgments = answers.map((a, i) => {
    const s = samples[i];
    const u = "message" in s ? usageOf(s.message) : null;
    return judgmentOf(orderOf(i), a as { value?: { label: string } }, u, u ? costUsd(ctx.modelId, u, { batch }) : 0);
  });
  const verdict = settleJudgments(judgments, ctx.settings.inconsistent ?? "TIE");
  const outcome: Outcome =
    verdict.kind === "failed"
      ? verdict
      : {
          kind: "ok",
          value: { label: verdict.label },
          confidence: verdict.confidence,
          confidenceSource: verdict.confidenceSource,
          rationale: verdict.rationale,
        };
  return { ...totals, outcome, judgments };
}
