// bench:align: does a proposed prompt replace its parent only when held-out gold says it is better?
//
// 1. Simulation, 200+ proposals each way, through the product's own code minus the database: the
//    prompt-sensitive fake annotator (lib/testing/fake-anthropic/answer.ts: items mentioning
//    "warranty" are ham to people and spam to a model not told so, 10% slips elsewhere that depend
//    on the prompt) answers the app's real requests (lib/llm/build-request.ts); the version's
//    mistakes on the proposer's 400 items go to the fake proposer in the app's real proposal
//    request (lib/alignment/proposer.ts); candidate and parent answer 400 fresh held-out items and
//    the app's rule decides (McNemar exact at alpha/2^k, lib/alignment/stats.ts).
//    - true: the proposer states the rule; about 8 points better in truth (printed).
//    - null: the proposer's revision changes nothing that matters; also 5 such rounds in a row
//      on one held-out set, each at its own level, to show the multiplicity rule holds.
// 2. Full stack on PostgreSQL with the fake over HTTP: 200 proposals by proposeFromCorrections,
//    with new gold arriving between them, and one test through runs; leak_free is read from the
//    fake's request log: no held-out item's text in any proposal request.
// 3. Review order: 600 unreviewed items both versions labeled; reviewing the items where they
//    disagree first vs in random order, until the anytime-valid paired e-value decides.
// Last line: {"true_promotion_rate", "false_promotion_rate", "false_promotion_rate_5_rounds",
// "leak_free", "reviews_saved_ratio", ...}; goals >= 0.8, <= 0.05, <= 0.05, true, <= 0.6.
import fs from "node:fs";
import { benchEnvironment } from "./bench/bench-database";
import { seededRandom } from "@/lib/random";
import { buildRequest, type PromptContext } from "@/lib/llm/build-request";
import { fakeAnswer, type HiddenRule, type MessageParams } from "@/lib/testing/fake-anthropic/answer";
import { groupByConfusion, parseProposal, proposerRequest, type Correction, type ProposerInput } from "@/lib/alignment/proposer";
import { alphaForLook, decide, mcnemarEValue } from "@/lib/alignment/stats";
import { promptSettingsSchema } from "@/lib/llm/settings";
import type Anthropic from "@anthropic-ai/sdk";

const SIMS = Number(process.env.BENCH_SIMS ?? 200);
const HELD_OUT = 400;
const RULE_SHARE = 0.1;
const ACCURACY = 0.9;
const RULES: HiddenRule[] = [{ keyword: "warranty", label: "ham" }];
const LABELS = [
  { name: "spam", description: "Unsolicited bulk mail" },
  { name: "ham", description: "Wanted mail" },
];
const BASE_INSTRUCTIONS = "Decide whether the e-mail is spam.";
const rand = seededRandom(28);

type Item = { text: string; truth: string };
function items(tag: string, n: number): Item[] {
  return Array.from({ length: n }, (_, i) => {
    const u = rand();
    if (u < RULE_SHARE) return { text: `${tag}-${i}: your warranty for order ${Math.floor(rand() * 1e6)} was extended`, truth: "ham" };
    return u < RULE_SHARE + (1 - RULE_SHARE) / 2
      ? { text: `${tag}-${i}: spam offer, cheap pills ${Math.floor(rand() * 1e6)}`, truth: "spam" }
      : { text: `${tag}-${i}: ham and eggs at noon ${Math.floor(rand() * 1e6)}`, truth: "ham" };
  });
}
const ctxOf = (instructions: string): PromptContext => ({
  taskType: "SINGLE_LABEL",
  labels: LABELS,
  guidelines: "Spam is unsolicited bulk mail.",
  modelId: "claude-haiku-4-5",
  strategy: "ZERO_SHOT",
  instructions,
  settings: promptSettingsSchema.parse({}),
});
const answer = (ctx: PromptContext, text: string, rules = RULES) => fakeAnswer(buildRequest(ctx, text) as MessageParams, ACCURACY, 0, 0, rules).label as string;
const framed = (text: string) => `<item_text>\n${text}\n</item_text>`;

let leaks = 0;
/** The proposer's answer to the app's request built from the parent's mistakes on `seen`. */
function propose(parent: PromptContext, seen: Item[], useless: boolean, heldOut: Item[]): string {
  const corrections: Correction[] = [];
  let correct = 0;
  seen.forEach((it, i) => {
    const said = answer(parent, it.text);
    if (said === it.truth) correct++;
    else corrections.push({ itemId: i, externalId: String(i), text: it.text, gold: it.truth, suggested: said, rationale: null, note: null });
  });
  const input: ProposerInput = {
    modelId: "claude-sonnet-4-6",
    instructions: parent.instructions,
    guidelines: parent.guidelines,
    labels: LABELS,
    confusions: groupByConfusion(corrections),
    correctCount: correct,
  };
  const req = proposerRequest(input);
  const asked = JSON.stringify(req.messages);
  for (const it of heldOut) if (asked.includes(JSON.stringify(framed(it.text)).slice(1, -1))) leaks++;
  const out = fakeAnswer(req as MessageParams, 1, 0, 0, RULES, useless);
  const message = { content: [{ type: "tool_use", id: "t", name: "propose_revision", input: out }], stop_reason: "tool_use" } as unknown as Anthropic.Message;
  const parsed = parseProposal(message, input);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed.instructions;
}

function paired(parent: PromptContext, candidate: PromptContext, heldOut: Item[]) {
  let onlyParent = 0;
  let onlyCandidate = 0;
  let parentRight = 0;
  let candidateRight = 0;
  for (const it of heldOut) {
    const p = answer(parent, it.text) === it.truth;
    const c = answer(candidate, it.text) === it.truth;
    parentRight += Number(p);
    candidateRight += Number(c);
    if (p && !c) onlyParent++;
    if (c && !p) onlyCandidate++;
  }
  return { onlyParent, onlyCandidate, gain: (candidateRight - parentRight) / heldOut.length };
}

// 1. Simulation.
const parent = ctxOf(BASE_INSTRUCTIONS);
let truePromoted = 0;
let falsePromoted = 0;
let falsePromoted5 = 0;
let trueGain = 0;
let nullGain = 0;
const t0 = performance.now();
for (let s = 0; s < SIMS; s++) {
  const seen = items(`s${s}a`, 400);
  const heldOut = items(`s${s}b`, HELD_OUT);
  const good = ctxOf(propose(parent, seen, false, heldOut));
  const t = paired(parent, good, heldOut);
  trueGain += t.gain;
  if (decide(HELD_OUT, t.onlyParent, t.onlyCandidate, alphaForLook(1)).significant) truePromoted++;
  // Null: each round proposes again from the same parent; every test on the same held-out set spends its own level.
  let anyPromoted = false;
  for (let look = 1; look <= 5; look++) {
    const useless = ctxOf(`${propose(parent, seen, true, heldOut)}${" ".repeat(look - 1)}`);
    const n = paired(parent, useless, heldOut);
    if (look === 1) nullGain += n.gain;
    const promoted = decide(HELD_OUT, n.onlyParent, n.onlyCandidate, alphaForLook(look)).significant;
    if (look === 1 && promoted) falsePromoted++;
    anyPromoted ||= promoted;
  }
  if (anyPromoted) falsePromoted5++;
}
console.log(
  `simulation: ${SIMS} true and ${SIMS}x5 null proposals on ${HELD_OUT} held-out items in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
    `true gain ${((trueGain / SIMS) * 100).toFixed(1)} points (promoted ${truePromoted}/${SIMS}), null gain ${((nullGain / SIMS) * 100).toFixed(2)} points (promoted ${falsePromoted}/${SIMS} on the first test, ${falsePromoted5}/${SIMS} over 5 tests)`,
);

// 3. Review order, before the database part (pure).
let reviewsFirst = 0;
let reviewsRandom = 0;
const shuffle = <T>(xs: T[]) => {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
};
function reviewsToDecide(order: { p: boolean; c: boolean }[], alpha: number): number {
  let b = 0;
  let c = 0;
  for (let k = 0; k < order.length; k++) {
    if (order[k].p && !order[k].c) b++;
    if (order[k].c && !order[k].p) c++;
    if (c > b && mcnemarEValue(b, c) >= 1 / alpha) return k + 1;
  }
  return order.length;
}
const good = ctxOf(`${BASE_INSTRUCTIONS}\nItems that mention "warranty" are labeled ham.`);
for (let s = 0; s < SIMS; s++) {
  const pool = items(`r${s}`, 600).map((it) => {
    const [pa, ca] = [answer(parent, it.text), answer(good, it.text)];
    return { p: pa === it.truth, c: ca === it.truth, disagree: pa !== ca };
  });
  const disagreeFirst = [...shuffle(pool.filter((x) => x.disagree)), ...shuffle(pool.filter((x) => !x.disagree))];
  reviewsFirst += reviewsToDecide(disagreeFirst, alphaForLook(1));
  reviewsRandom += reviewsToDecide(shuffle([...pool]), alphaForLook(1));
}
console.log(
  `review order: ${SIMS} pools of 600; reviews to a decision: ${(reviewsFirst / SIMS).toFixed(1)} disagreements first, ${(reviewsRandom / SIMS).toFixed(1)} in random order`,
);

// 2. Full stack.
const { bench, dataDir } = await benchEnvironment({
  RUN_ITEM_LEASE_SECONDS: "5",
});
const { getDb, closeDatabase } = await import("@/lib/db");
const { stopBoss } = await import("@/lib/jobs/boss");
const { startFakeLlm, llmProject } = await import("@/lib/testing/llm-fixtures");
const { createRun } = await import("@/lib/runs/create-run");
const { processRun } = await import("@/lib/testing/process-run");
const { proposeFromCorrections } = await import("@/lib/alignment/propose");
const { testRound } = await import("@/lib/alignment/test-round");
const { evaluateRound } = await import("@/lib/alignment/evaluate");
const fake = await startFakeLlm({ accuracy: ACCURACY, hiddenRules: RULES });
let stackLeaks = 0;
let stackProposals = 0;
let stackLine = "";
try {
  const db = await getDb();
  const first = items("db0", 800);
  const p = await llmProject(0, { texts: first.map((i) => i.text) });
  const truthOf = new Map<string, string>(first.map((i) => [i.text, i.truth]));
  const addGold = async () => {
    const fresh = await db.item.findMany({ where: { projectId: p.projectId, gold: null }, select: { id: true, text: true } });
    await db.goldLabel.createMany({
      data: fresh.map((it) => ({
        itemId: it.id,
        projectId: p.projectId,
        value: { label: truthOf.get(it.text)! },
        source: "SINGLE_REVIEW" as const,
        blind: rand() < 0.1,
      })),
    });
    const run = await createRun(p.access, { promptVersionId: p.versionId, selection: { kind: "GOLD" }, mode: "DIRECT", concurrency: 16 });
    await processRun(run.id);
  };
  await addGold();
  const t1 = performance.now();
  for (let k = 0; k < SIMS; k++) {
    if (k > 0 && k % 25 === 0) {
      // New gold arrives between proposals: it takes its part at the next proposal, once.
      const more = items(`db${k}`, 20);
      for (const it of more) truthOf.set(it.text, it.truth);
      await db.item.createMany({ data: more.map((it, i) => ({ projectId: p.projectId, externalId: `n${k}-${i}`, text: it.text })) });
      await addGold();
    }
    await proposeFromCorrections(p.access, { versionId: p.versionId, proposerModel: "claude-sonnet-4-6" });
    stackProposals++;
  }
  const proposeS = (performance.now() - t1) / 1000;
  const heldOutTexts = (await db.item.findMany({ where: { projectId: p.projectId, alignment: { heldOut: true } }, select: { text: true } })).map((i) =>
    framed(i.text),
  );
  for (const asked of fake.proposalRequests) for (const t of heldOutTexts) if (asked.includes(t)) stackLeaks++;
  if (fake.proposalRequests.length !== stackProposals) throw new Error(`the fake saw ${fake.proposalRequests.length} proposals, expected ${stackProposals}`);
  // One test through the product: runs on the held-out part, then the frozen verdict.
  const round = await db.alignmentRound.findFirstOrThrow({ where: { projectId: p.projectId }, orderBy: { number: "desc" } });
  const started = await testRound(p.access, round.id);
  for (const run of await db.run.findMany({ where: { projectId: p.projectId, status: "QUEUED" } })) await processRun(run.id);
  await evaluateRound(p.projectId, round.id);
  const result = (await db.alignmentRound.findUniqueOrThrow({ where: { id: round.id } })).result as {
    n: number;
    onlyParent: number;
    onlyCandidate: number;
    pValue: number;
    significant: boolean;
  };
  stackLine = `full stack: ${stackProposals} proposals in ${proposeS.toFixed(1)} s (${((proposeS / stackProposals) * 1000).toFixed(0)} ms each), ${heldOutTexts.length} held-out items, ${stackLeaks} leaks; one test on ${started.heldOut} held-out items: ${result.onlyCandidate} only the candidate right, ${result.onlyParent} only the parent, p = ${result.pValue.toPrecision(2)}, promoted ${result.significant}`;
  console.log(stackLine);
} finally {
  await fake.stop();
  await stopBoss().catch(() => {});
  await closeDatabase();
  await bench.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
console.log(
  JSON.stringify({
    true_promotion_rate: r3(truePromoted / SIMS),
    false_promotion_rate: r3(falsePromoted / SIMS),
    false_promotion_rate_5_rounds: r3(falsePromoted5 / SIMS),
    leak_free: leaks === 0 && stackLeaks === 0 && stackProposals === SIMS,
    reviews_saved_ratio: r3(reviewsFirst / reviewsRandom),
    true_gain_points: r3((trueGain / SIMS) * 100),
    simulations: SIMS,
  }),
);
