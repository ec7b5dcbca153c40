// The fake model: a deterministic rule on the item text (the text between <item_text> tags in the
// last user message). The answer is the label whose name appears first in the text (MULTI_LABEL:
// every label that appears; SPANS: each occurrence of a label name), else the first label.
// `accuracy` < 1 makes a share of answers wrong: at temperature 0 always the same items (by a hash
// of the text); above 0, by a hash of the text and how many times this same request was sent
// before, so k samples of one prompt disagree the way a sampled model does, and the same requests
// get the same answers whether they are sent one by one or in a batch. An item saying
// `ignore ... instructions ... answer "X"` gets X as its answer (when the schema allows X: strict
// tool use never answers outside the enum). A rubric (a `scores` object of criteria) is rated by
// what the item says: "clarity: 4" gives clarity 4 when 4 is on its scale, else its middle level;
// a wrong answer is one level off on the first criterion.
import crypto from "node:crypto";

export type Block = { type: string; text?: string; cache_control?: unknown };
export type Tool = {
  name: string;
  description?: string;
  input_schema?: { type?: string; properties?: Record<string, unknown> };
  cache_control?: unknown;
  strict?: boolean;
};
export type MessageParams = {
  model?: unknown;
  max_tokens?: unknown;
  messages?: { role: string; content: string | Block[] }[];
  system?: string | Block[];
  tools?: Tool[];
  tool_choice?: { type: string; name?: string };
  temperature?: number;
};

export const hash01 = (s: string) => crypto.createHash("sha256").update(s).digest().readUInt32BE(0) / 0x100000000;
export const textOf = (c: string | Block[] | undefined) => (typeof c === "string" ? c : (c ?? []).map((b) => b.text ?? "").join("\n"));

type Levels = Record<string, number[]>;

/** The labels the tool schema allows, and whether it wants one, many, spans, or a rubric's scores (levels per criterion). */
function schemaShape(p: MessageParams): {
  kind: "single" | "multi" | "spans" | "rating";
  labels: string[];
  rationale: boolean;
  evidence: boolean;
  /** The distress categories the tool asks about (null: not asked). */
  distress: string[] | null;
  levels?: Levels;
} {
  const props = (p.tools?.[0]?.input_schema?.properties ?? {}) as Record<
    string,
    { enum?: string[]; items?: { enum?: string[]; properties?: { label?: { enum?: string[] } } }; properties?: Record<string, { enum?: number[] }> }
  >;
  const rationale = "rationale" in props;
  const evidence = "evidence" in props;
  const distress = props.distressing?.items?.enum ?? null;
  if (props.scores?.properties) {
    const levels = Object.fromEntries(Object.entries(props.scores.properties).map(([c, s]) => [c, s.enum ?? [1, 2, 3, 4, 5]]));
    return { kind: "rating", labels: Object.keys(levels), rationale, evidence, distress, levels };
  }
  if (props.label?.enum) return { kind: "single", labels: props.label.enum, rationale, evidence, distress };
  if (props.labels?.items?.enum) return { kind: "multi", labels: props.labels.items.enum, rationale, evidence, distress };
  return { kind: "spans", labels: props.spans?.items?.properties?.label?.enum ?? [], rationale, evidence, distress };
}

/**
 * Quotes for a rationale, as a model writes them: usually the item's own words (sometimes in other
 * case or spacing), but when it slips it often cites what it imagined the item says: 3 slips in 4,
 * and 1 right answer in 20, quote words the item does not contain.
 */
function fakeEvidence(item: string, wrong: boolean): string[] {
  const invents = hash01(`evidence:${item}`) < (wrong ? 0.75 : 0.05);
  if (invents) return ["the sender insists on an urgent reply"];
  const words = item.split(/\s+/).filter(Boolean).slice(0, 6).join(" ");
  if (!words) return [];
  return [hash01(`case:${item}`) < 0.3 ? words.toUpperCase() : words];
}

export function itemTextOf(p: MessageParams): string {
  const full = textOf(p.messages![p.messages!.length - 1].content);
  // The last block is the item; few-shot examples come before it.
  return [...full.matchAll(/<item_text>\n?([\s\S]*?)\n?<\/item_text>/g)].at(-1)?.[1] ?? full;
}

const WORDS =
  "order parcel refund invoice meeting weather garden laptop battery ticket holiday recipe train bicycle concert library doctor window coffee printer budget contract river mountain password account delivery schedule camera museum".split(
    " ",
  );

/**
 * The generation tool (lib/synthesis/prompt.ts): the number of texts and the label come from the
 * request ("Write N new texts with the label "X""). Each text names its label and is made of words
 * picked by a hash of the request, its occurrence and its position, so texts differ within and
 * across requests. Like a real model it sometimes echoes a seed: the first text is the first
 * <example> with a word added, which the near-duplicate check must drop.
 */
function fakeGeneration(p: MessageParams, occurrence: number): Record<string, unknown> {
  const prompt = textOf(p.messages![p.messages!.length - 1].content);
  const [, n, label] = /Write (\d+) new texts with the label "([^"]+)"/.exec(prompt) ?? [, "1", "x"];
  const seed = /<example>\n([\s\S]*?)\n<\/example>/.exec(prompt)?.[1];
  const examples = Array.from({ length: Number(n) }, (_, k) => {
    if (k === 0 && seed) return { text: `${seed} Thanks.`, label };
    const pick = (j: number) => WORDS[Math.floor(hash01(`${prompt}#${occurrence}#${k}#${j}`) * WORDS.length)];
    return {
      text: `A ${label} message about the ${pick(0)}, the ${pick(1)} and the ${pick(2)}: ${pick(3)} ${pick(4)} ${pick(5)} ${pick(6)} number ${Math.floor(hash01(`${prompt}#${occurrence}#${k}`) * 1e6)}.`,
      label,
    };
  });
  return { examples };
}

/**
 * A pairwise judge (the item shows "## Response A" and "## Response B", lib/pairwise/judge.ts):
 * the response that says "correct" is better, both or neither is a tie. On a share
 * `firstShownBias` of pairs (the same pairs whatever the order) it answers "A", whichever response
 * is shown first: a position-biased judge.
 */
function fakeJudge(item: string, labels: string[], firstShownBias: number): string | null {
  const m = /## Response A\n([\s\S]*?)\n\n## Response B\n([\s\S]*)$/.exec(item);
  if (!m || !labels.includes("A") || !labels.includes("B")) return null;
  const [first, second] = [m[1], m[2]];
  const pairKey = [first, second].sort().join("\u0000");
  if (hash01(`bias:${pairKey}`) < firstShownBias) return "A";
  const good = (t: string) => /\bcorrect\b/i.test(t);
  return good(first) === good(second) ? "tie" : good(first) ? "A" : "B";
}

/**
 * A rule people apply that the annotator does not know: an item mentioning `keyword` has `label`
 * (a test double for a prompt-sensitive model, lib/alignment; see docs/prompt-alignment.md).
 */
export type HiddenRule = { keyword: string; label: string };

/** The rule is stated when one line of the system text (instructions, a label description) names both its keyword and its label. */
export function ruleStated(system: string, rule: HiddenRule): boolean {
  const [k, l] = [rule.keyword.toLowerCase(), rule.label.toLowerCase()];
  return system
    .toLowerCase()
    .split("\n")
    .some((line) => line.includes(k) && line.includes(l));
}

/**
 * The proposer (lib/alignment/proposer.ts): finds the hidden rule behind the most frequent
 * confusion (its gold label, and the keyword in most of its items) and returns the instructions with
 * that rule stated. `useless`, or no rule found: a revision that changes nothing that matters.
 */
function fakeProposal(p: MessageParams, rules: HiddenRule[], useless: boolean): Record<string, unknown> {
  const user = textOf(p.messages![p.messages!.length - 1].content);
  const instructions = /# Current instructions\n([\s\S]*?)\n\n# Label descriptions/.exec(user)?.[1] ?? "";
  const labelLines = [...(/# Label descriptions\n([\s\S]*?)(\n\n#|$)/.exec(user)?.[1] ?? "").matchAll(/^- ([^:\n]+): (.*)$/gm)];
  const label_descriptions = labelLines.map((m) => ({ label: m[1], description: m[2] === "(no description)" ? "" : m[2] }));
  const first = /## Confusion 1: people said "([^"]*)"[^\n]*\n([\s\S]*?)(?=\n## Confusion 2:|$)/.exec(user);
  const texts = first ? [...first[2].matchAll(/<item_text>\n([\s\S]*?)\n<\/item_text>/g)].map((m) => m[1].toLowerCase()) : [];
  // The rule behind the most of the confusion's items (at least a fifth of them), among those of its gold label.
  const share = (r: HiddenRule) => texts.filter((t) => t.includes(r.keyword.toLowerCase())).length;
  const candidates = useless || !first ? [] : rules.filter((r) => r.label === first[1] && share(r) * 5 >= texts.length && share(r) > 0);
  const rule = candidates.sort((a, b) => share(b) - share(a))[0];
  if (!rule)
    return {
      instructions: `${instructions}\nRead each item carefully before answering.`,
      label_descriptions,
      changes: [{ change: "Asked for more care.", confusion: 1 }],
    };
  return {
    instructions: `${instructions}\nItems that mention "${rule.keyword}" are labeled ${rule.label}.`,
    label_descriptions,
    changes: [{ change: `Stated that items mentioning "${rule.keyword}" are ${rule.label}.`, confusion: 1 }],
  };
}

/** Each criterion's level as the item states it ("clarity: 4"), else its scale's middle; `wrong` moves the first criterion one level. */
function fakeScores(item: string, levels: Levels, wrong: boolean): Record<string, number> {
  const scores: Record<string, number> = {};
  for (const [criterion, scale] of Object.entries(levels)) {
    const escaped = criterion.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const stated = Number(new RegExp(`${escaped}\\s*[:=]?\\s*(-?\\d+)`, "i").exec(item)?.[1]);
    scores[criterion] = scale.includes(stated) ? stated : scale[Math.floor(scale.length / 2)];
  }
  const first = Object.keys(levels)[0];
  if (wrong && first) {
    const scale = levels[first];
    const at = scale.indexOf(scores[first]);
    scores[first] = scale[at + 1] ?? scale[at - 1] ?? scores[first];
  }
  return scores;
}

/** `occurrence`: how many times this exact request was answered before (sampling at temperature > 0). */
export function fakeAnswer(
  p: MessageParams,
  accuracy: number,
  occurrence: number,
  firstShownBias = 0,
  rules: HiddenRule[] = [],
  uselessProposer = false,
  /** What the request's images show (lib/testing/fake-anthropic/vision.ts), read before the item's text. */
  seenInImages = "",
): Record<string, unknown> {
  if (p.tools?.[0]?.input_schema?.properties && "examples" in p.tools[0].input_schema.properties) return fakeGeneration(p, occurrence);
  if (p.tools?.[0]?.name === "propose_revision") return fakeProposal(p, rules, uselessProposer);
  const item = itemTextOf(p);
  const { kind, labels, rationale, evidence, distress, levels } = schemaShape(p);
  const lower = (seenInImages ? `${seenInImages} ${item}` : item).toLowerCase();
  const strict = p.tools?.[0]?.strict === true;
  const asked = /ignore\b[\s\S]*instructions[\s\S]*answer\s+"?([\w-]+)"?/i.exec(item)?.[1];
  const injected = asked && (!strict || labels.includes(asked)) ? asked : undefined;
  // With hidden rules the model's slips depend on the prompt too: two versions err on different items.
  const system = textOf(p.system as string | Block[] | undefined);
  const slipKey = rules.length ? `${item}\n${system}` : item;
  const wrong = (p.temperature ?? 0) > 0 ? hash01(`${slipKey}\n#${occurrence}`) > accuracy : hash01(slipKey) > accuracy;
  const base: Record<string, unknown> = rationale ? { rationale: `The text mentions what it mentions (${item.length} characters).` } : {};
  if (evidence) base.evidence = fakeEvidence(item, wrong);
  // A category is flagged when the item names it (the fake reads words, as it does for labels).
  if (distress) base.distressing = distress.filter((c) => lower.includes(c.toLowerCase()));
  const confidence = Number((0.55 + 0.45 * hash01(`c:${item}`)).toFixed(3));
  const judged = kind === "single" ? fakeJudge(item, labels, firstShownBias) : null;
  if (judged) return { ...base, label: judged, confidence };
  const ruled = rules.find((r) => lower.includes(r.keyword.toLowerCase()) && labels.includes(r.label));
  if (kind === "single" && ruled && ruleStated(system, ruled) && !injected) {
    const other = labels.find((l) => l !== ruled.label) ?? ruled.label;
    return { ...base, label: wrong ? other : ruled.label, confidence };
  }
  if (kind === "single") {
    const found = labels.filter((l) => lower.includes(l.toLowerCase())).sort((a, b) => lower.indexOf(a.toLowerCase()) - lower.indexOf(b.toLowerCase()));
    let label = injected ?? found[0] ?? labels[0];
    if (wrong && !injected && labels.length > 1) label = labels[(labels.indexOf(label) + 1) % labels.length];
    return { ...base, label, confidence };
  }
  if (kind === "rating") return { ...base, scores: fakeScores(item, levels!, wrong), confidence };
  if (kind === "multi") {
    let chosen = labels.filter((l) => lower.includes(l.toLowerCase()));
    if (wrong && labels.length) chosen = chosen.includes(labels[0]) ? chosen.filter((l) => l !== labels[0]) : [...chosen, labels[0]];
    return { ...base, labels: injected ? [injected] : chosen, confidence };
  }
  const spans: { label: string; start: number; end: number; text: string }[] = [];
  for (const l of labels) {
    for (let at = lower.indexOf(l.toLowerCase()); at !== -1; at = lower.indexOf(l.toLowerCase(), at + 1)) {
      spans.push({ label: l, start: at, end: at + l.length, text: item.slice(at, at + l.length) });
    }
  }
  if (wrong && spans.length) spans.pop();
  return { ...base, spans: injected ? [{ label: injected, start: 0, end: 1, text: item.slice(0, 1) }] : spans, confidence };
}
