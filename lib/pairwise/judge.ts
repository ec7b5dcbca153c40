// The LLM judge for pairwise items. Each sample is two requests, the responses shown as A then B
// and then the other way round, so the judge's liking for the first-shown response cancels out
// instead of deciding items. Every answer is mapped back to canonical order ("A" is always the
// response imported as A). Answers that agree settle to their label; answers that disagree settle
// to a tie or to the better-supported side with low confidence, as the prompt version says. Each
// answer is kept (order, label, rationale, confidence, cost) on the suggestion.
import { swapSides } from "@/lib/pairwise/labels";

export type Order = "AB" | "BA";
/** Request r of an item (r = 0..2k-1): even ones show A first, odd ones B first. */
export const orderOf = (request: number): Order => (request % 2 === 0 ? "AB" : "BA");
/** Requests a pairwise item needs for k samples: each sample in both orders. */
export const pairwiseRequests = (samples: number) => 2 * samples;

export type Pair = { a: string; b: string };

/** An item row's pair (its ItemPair), when it is a pairwise item. */
export const pairOf = (row: { pair: { responseA: string; responseB: string } | null }): Pair | undefined =>
  row.pair ? { a: row.pair.responseA, b: row.pair.responseB } : undefined;

/**
 * A line of a prompt or response that looks like one of the request's own headings ("## Response
 * B", "## Verdict", "# Prompt") would let a response speak as the frame around it: such headings
 * lose their leading #s (the words stay, so nothing the judge should read is hidden).
 */
export const defuseHeadings = (text: string) => text.replace(/^[ \t]*#+[ \t]*(?=\S)/gm, "");

/** The item as one request shows it: the prompt, then the two responses in that order, each called by its shown name. */
export function pairItemText(prompt: string, pair: Pair, order: Order): string {
  const [first, second] = order === "AB" ? [pair.a, pair.b] : [pair.b, pair.a];
  return `## Prompt\n${defuseHeadings(prompt)}\n\n## Response A\n${defuseHeadings(first)}\n\n## Response B\n${defuseHeadings(second)}`;
}

/** One request's answer, kept on the suggestion: `shown` is the label as the judge gave it, `label` in canonical order. */
export type Judgment = {
  order: Order;
  shown: string | null;
  label: string | null;
  confidence: number | null;
  rationale: string | null;
  error: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
};

type Answer = { value?: { label: string }; confidence?: number; rationale?: string | null; reason?: string };

/** A judgment from an interpreted answer: the shown label mapped to canonical order. */
/** `usage`: the request's tokens as the door counts them (lib/llm/pricing's Usage has these fields and more). */
export function judgmentOf(order: Order, answer: Answer, usage: { inputTokens: number; outputTokens: number } | null, costUsd: number): Judgment {
  const shown = answer.value?.label ?? null;
  return {
    order,
    shown,
    label: shown === null ? null : order === "AB" ? shown : swapSides(shown),
    confidence: answer.confidence ?? null,
    rationale: answer.rationale ?? null,
    error: answer.value ? null : (answer.reason ?? "no answer"),
    inputTokens: usage?.inputTokens ?? 0,
    outputTokens: usage?.outputTokens ?? 0,
    costUsd,
  };
}

export type Inconsistent = "TIE" | "LOW_CONFIDENCE";
export type PairVerdict =
  | { kind: "ok"; label: string; confidence: number; confidenceSource: "VOTES" | "SELF_REPORTED"; consistent: boolean; rationale: string | null }
  | { kind: "failed"; reason: string };

/**
 * The item's judgments into one verdict. Consistent (every request answered, all the same label):
 * that label, with the mean of the judge's own confidences for one sample, or 1 as a vote share
 * for several. Otherwise: `TIE` gives a tie, `LOW_CONFIDENCE` the label most answers gave (ties
 * broken by the judge's confidence, then A-first order); either way the confidence is the share
 * of all requests that gave the settled label, at most one half when the two orders disagree.
 */
export function settleJudgments(judgments: Judgment[], mode: Inconsistent): PairVerdict {
  const answered = judgments.filter((j) => j.label !== null);
  if (!answered.length) return { kind: "failed", reason: judgments.find((j) => j.error)?.error ?? "no answer" };
  const labels = new Set(answered.map((j) => j.label));
  const single = judgments.length === 2;
  if (labels.size === 1 && answered.length === judgments.length) {
    const confidence = single ? answered.reduce((s, j) => s + (j.confidence ?? 0), 0) / answered.length : 1;
    return {
      kind: "ok",
      label: answered[0].label!,
      confidence,
      confidenceSource: single ? "SELF_REPORTED" : "VOTES",
      consistent: true,
      rationale: answered[0].rationale,
    };
  }
  const share = (label: string) => judgments.filter((j) => j.label === label).length / judgments.length;
  let label: string;
  if (mode === "TIE") label = "tie";
  else {
    const tally = [...labels].map((l) => {
      const js = answered.filter((j) => j.label === l);
      return { l, n: js.length, conf: js.reduce((s, j) => s + (j.confidence ?? 0), 0) / js.length, firstAt: answered.findIndex((j) => j.label === l) };
    });
    tally.sort((x, y) => y.n - x.n || y.conf - x.conf || x.firstAt - y.firstAt);
    label = tally[0].l!;
  }
  const rationale = answered.find((j) => j.label === label)?.rationale ?? answered[0].rationale;
  return { kind: "ok", label, confidence: share(label), confidenceSource: "VOTES", consistent: false, rationale };
}
