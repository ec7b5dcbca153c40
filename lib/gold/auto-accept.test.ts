// Auto-accept end to end on a database: certify from the blind slice, accept above the threshold
// (AUTO gold, out of the queue, an audit share kept for people), never measure the model with it,
// pause when the audit goes over budget, and send the labels back.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { applyAutoAccept, checkAudit, sendBackToReview, updateAutoAcceptSettings } from "@/lib/gold/auto-accept";
import { projectMetrics } from "@/lib/metrics/queries";
import { createTestProject, createTestUser, leadAccess } from "@/lib/testing/factories";
import { claimNextItem } from "@/lib/reviews/claim-next";
import { submitDecision } from "@/lib/reviews/submit-decision";
import { decisionInputSchema } from "@/lib/reviews/schemas";
import { startWorker, stopWorker } from "@/lib/worker";
import { autoAcceptSettingsSchema } from "@/lib/gold/settings-schema";
import { formDataToObject } from "@/lib/form-data";
import { fieldErrorsFrom } from "@/lib/errors";
import { waitFor } from "@/lib/testing/wait";

const L = (label: string) => ({ label });

const other = (label: string) => (label === "positive" ? "negative" : "positive");

/** `blind`: items with blind human gold; `open`: items with only a suggestion (`label`: what it suggests, "positive" if unsaid). */
async function project(blind: { n: number; confidence: number; wrong: number; label?: string }[], open: { n: number; confidence: number; label?: string }[]) {
  const lead = await createTestUser();
  const { id: projectId } = await createTestProject(lead.id);
  const db = await getDb();
  const version = await db.promptVersion.create({
    data: { projectId, number: 1, modelId: "m", strategy: "ZERO_SHOT", instructions: "x", settings: {}, createdById: lead.id },
  });
  let i = 0;
  const add = async (confidence: number, gold: string | null, suggested = "positive") => {
    // Blind gold is in the blind slice (its draw below any share); open items are outside it.
    const item = await db.item.create({
      data: { projectId, externalId: `a${i++}`, text: "t", status: "PRELABELED", suggestionConfidence: confidence, blindDraw: gold ? 0 : 0.99 },
    });
    if (gold) {
      await db.goldLabel.create({ data: { itemId: item.id, projectId, value: L(gold), source: "SINGLE_REVIEW", blind: true } });
      await db.item.update({ where: { id: item.id }, data: { status: "REVIEWED", inQueue: false, reviewCount: 1, blind: true } });
    }
    await db.suggestion.create({
      data: { projectId, itemId: item.id, promptVersionId: version.id, status: "OK", value: L(suggested), confidence, model: "m" },
    });
    return item.id;
  };
  for (const b of blind) for (let k = 0; k < b.n; k++) await add(b.confidence, k < b.wrong ? other(b.label ?? "positive") : (b.label ?? "positive"), b.label);
  const openIds: number[] = [];
  for (const o of open) for (let k = 0; k < o.n; k++) openIds.push(await add(o.confidence, null, o.label));
  return { access: await leadAccess(lead.id, projectId), projectId, db, openIds, lead };
}

/** Blind: 300 "positive" suggestions never wrong and 100 "negative" ones wrong `negativeWrong` times; open: 200 and 100 of each. */
const twoLabelProject = (negativeWrong: number) =>
  project(
    [
      { n: 300, confidence: 0.95, wrong: 0 },
      { n: 100, confidence: 0.95, wrong: negativeWrong, label: "negative" },
    ],
    [
      { n: 200, confidence: 0.95 },
      { n: 100, confidence: 0.95, label: "negative" },
    ],
  );

describe("auto-accept", () => {
  it("certifies from the blind slice, accepts what it covers as AUTO gold, keeps an audit share for people, and never measures the model with it", async () => {
    const { access, projectId, db, lead } = await project(
      [
        { n: 300, confidence: 0.95, wrong: 0 },
        { n: 100, confidence: 0.6, wrong: 40 },
      ],
      [
        { n: 200, confidence: 0.95 },
        { n: 50, confidence: 0.6 },
      ],
    );
    const before = await projectMetrics(access);
    await updateAutoAcceptSettings(access, { errorBudgetPercent: 5, autoAccept: false, auditPercent: 5 });
    // Off: certified, nothing applied.
    const preview = await applyAutoAccept(projectId, lead.id);
    expect(preview.certificate?.threshold).toBe(0.95);
    expect(preview.certificate?.curve.at(0)).toMatchObject({ threshold: 0.95, candidates: 200, passed: true });
    expect(preview.accepted).toBe(0);

    await updateAutoAcceptSettings(access, { errorBudgetPercent: 5, autoAccept: true, auditPercent: 5 });
    const r = await applyAutoAccept(projectId, lead.id);
    expect(r.accepted + r.audited).toBe(200); // the 0.6 items stay for people
    expect(r.audited).toBeGreaterThan(0);
    expect(r.audited).toBeLessThan(30);
    expect(await db.goldLabel.count({ where: { projectId, source: "AUTO" } })).toBe(r.accepted);
    expect(await db.item.count({ where: { projectId, inQueue: true } })).toBe(50 + r.audited);
    expect(await db.item.count({ where: { projectId, autoAudit: true, inQueue: true } })).toBe(r.audited);
    // AUTO gold is not gold for the model's figures.
    const after = await projectMetrics(access);
    expect(after.slices!.all.n).toBe(before.slices!.all.n);
    expect(after.gold).toEqual(before.gold);
    expect(after.autoAccepted).toBe(r.accepted);
    // Applying again accepts nothing more.
    expect((await applyAutoAccept(projectId, lead.id)).accepted).toBe(0);
  });

  it("certifies nothing on a small slice and says how many more blind items it needs", async () => {
    const { access, projectId, lead } = await project([{ n: 20, confidence: 0.95, wrong: 0 }], [{ n: 10, confidence: 0.95 }]);
    await updateAutoAcceptSettings(access, { errorBudgetPercent: 5, autoAccept: true, auditPercent: 5 });
    const r = await applyAutoAccept(projectId, lead.id);
    expect(r.certificate?.threshold).toBeNull();
    // The first certificate of a version spends 4.5 of the 5% (lib/gold/looks.ts): 61 error-free items certify 5% at 95.5%.
    expect(r.certificate?.moreBlindNeeded).toBe(41);
    expect(r.accepted).toBe(0);
  });

  /** People's answers on the audited items: audit gold (its own slice), `wrong(k)` says which are wrong. */
  const answerAudits = async (db: Awaited<ReturnType<typeof getDb>>, projectId: string, wrong: (k: number) => boolean, onlyWithoutGold = true) => {
    const audited = await db.item.findMany({ where: { projectId, autoAudit: true, ...(onlyWithoutGold ? { gold: null } : {}) }, orderBy: { id: "asc" } });
    for (const [k, item] of audited.entries()) {
      await db.goldLabel.create({ data: { itemId: item.id, projectId, value: L(wrong(k) ? "negative" : "positive"), source: "SINGLE_REVIEW", audit: true } });
    }
    return audited.length;
  };

  it("does not pause a healthy version however often the audit is checked: 2 wrong of about 120 against a 5% budget", async () => {
    const { access, projectId, db, lead } = await project([{ n: 400, confidence: 0.95, wrong: 0 }], [{ n: 400, confidence: 0.95 }]);
    await updateAutoAcceptSettings(access, { errorBudgetPercent: 5, autoAccept: true, auditPercent: 30 });
    const first = await applyAutoAccept(projectId, lead.id);
    const n = await answerAudits(db, projectId, (k) => k === 3 || k === 50);
    const second = await applyAutoAccept(projectId, lead.id);
    expect(second.audit).toMatchObject({ n, errors: 2, over: false });
    expect(second.paused).toBeNull();
    expect((await db.project.findUniqueOrThrow({ where: { id: projectId } })).autoAcceptPausedAt).toBeNull();
    // Audit answers are never blind gold: the next certificate reads the same 400 blind items, and Quality's blind slice is unchanged.
    expect(second.certificate?.blindItems).toBe(first.certificate?.blindItems);
    const m = await projectMetrics(access);
    expect(m.gold.blind).toBe(400);
    expect(m.slices!.all.n).toBe(400);
  });

  it("pauses itself when the audit shows the error above the budget, and sends the labels back on request", async () => {
    const { access, projectId, db, lead } = await project([{ n: 400, confidence: 0.95, wrong: 0 }], [{ n: 400, confidence: 0.95 }]);
    await updateAutoAcceptSettings(access, { errorBudgetPercent: 5, autoAccept: true, auditPercent: 30 });
    const first = await applyAutoAccept(projectId, lead.id);
    expect(first.audited).toBeGreaterThanOrEqual(80);
    // People review the audited items blind and find the model wrong on a fifth of them.
    await answerAudits(db, projectId, (k) => k % 5 === 0);
    const second = await applyAutoAccept(projectId, lead.id);
    expect(second.paused).toMatch(
      /^The audit found \d+ wrong of \d+ auto-accepted labels checked by people: their error is between \d+\.\d% and \d+\.\d% \(95%, valid however often it is checked\), all of it above the budget of 5\.0%\.$/,
    );
    const p = await db.project.findUniqueOrThrow({ where: { id: projectId } });
    expect(p.autoAcceptPausedAt).not.toBeNull();
    const back = await sendBackToReview(access);
    expect(back).toBe(first.accepted);
    expect(await db.goldLabel.count({ where: { projectId, source: "AUTO" } })).toBe(0);
    expect(await db.item.count({ where: { projectId, inQueue: true, autoAudit: false } })).toBe(first.accepted);
  });

  it("keeps drawing audit items while paused, and resumes by itself when the items audited since the pause show the error within the budget", async () => {
    const { access, projectId, db, lead } = await project([{ n: 400, confidence: 0.95, wrong: 0 }], [{ n: 400, confidence: 0.95 }]);
    await updateAutoAcceptSettings(access, { errorBudgetPercent: 5, autoAccept: true, auditPercent: 30 });
    await applyAutoAccept(projectId, lead.id);
    await answerAudits(db, projectId, (k) => k % 5 === 0);
    expect((await applyAutoAccept(projectId, lead.id)).paused).not.toBeNull();
    // New items come in while paused: an apply accepts none of them but still draws the audit share.
    const version = await db.promptVersion.findFirstOrThrow({ where: { projectId } });
    for (let k = 0; k < 400; k++) {
      const item = await db.item.create({
        data: { projectId, externalId: `new${k}`, text: "t", status: "PRELABELED", suggestionConfidence: 0.95, blindDraw: 0.99 },
      });
      await db.suggestion.create({
        data: { projectId, itemId: item.id, promptVersionId: version.id, status: "OK", value: L("positive"), confidence: 0.95, model: "m" },
      });
    }
    const whilePaused = await applyAutoAccept(projectId, lead.id);
    expect(whilePaused.accepted).toBe(0);
    expect(whilePaused.audited).toBeGreaterThan(80);
    expect(whilePaused.audit).toMatchObject({ n: 0 }); // counted afresh since the pause
    // People find every one of them right: the interval since the pause is wholly within 5%.
    await answerAudits(db, projectId, () => false);
    expect(await checkAudit(projectId)).toEqual({ paused: null, resumed: true });
    const p = await db.project.findUniqueOrThrow({ where: { id: projectId } });
    expect(p.autoAcceptPausedAt).toBeNull();
    expect(p.lastGoodAuditAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { projectId, kind: "autoaccept.resumed" } })).toBe(1);
    // Resumed: the next apply accepts the candidates that waited (less a fresh audit share).
    const waiting = await db.item.count({ where: { projectId, inQueue: true, autoAudit: false } });
    const after = await applyAutoAccept(projectId, lead.id);
    expect(after.accepted + after.audited).toBe(waiting);
    expect(after.accepted).toBeGreaterThan(waiting / 2);
  });

  it("checks the audit after people's audited decisions, in the background, and pauses without waiting for the next apply", async () => {
    const { access, projectId, db, lead } = await project([{ n: 400, confidence: 0.95, wrong: 0 }], [{ n: 400, confidence: 0.95 }]);
    await updateAutoAcceptSettings(access, { errorBudgetPercent: 5, autoAccept: true, auditPercent: 30 });
    const first = await applyAutoAccept(projectId, lead.id);
    expect(first.audited).toBeGreaterThanOrEqual(80);
    // The lead reviews the audited items through the queue, blind, and finds a fifth wrong.
    for (let k = 0; ; k++) {
      const task = await claimNextItem(access);
      if (!task) break;
      expect(task.blind).toBe(true);
      await submitDecision(
        access,
        decisionInputSchema.parse({
          id: crypto.randomUUID(),
          itemId: task.item.id,
          action: "ACCEPTED",
          value: L(k % 5 === 0 ? "negative" : "positive"),
          seconds: 2,
        }),
      );
    }
    expect((await db.project.findUniqueOrThrow({ where: { id: projectId } })).autoAcceptPausedAt).toBeNull();
    // The decisions queued the check; the worker runs it.
    await startWorker();
    try {
      const p = await waitFor("the audit check to pause auto-accept", async () => {
        const p = await db.project.findUniqueOrThrow({ where: { id: projectId } });
        return p.autoAcceptPausedAt && p;
      });
      expect(p.autoAcceptPauseReason).toMatch(/The audit found \d+ wrong of \d+ auto-accepted labels checked by people: their error is between/);
    } finally {
      await stopWorker();
    }
  }, 60_000);

  it("with a label's own budget, certifies and accepts each label on its own (all labels together at 95%)", async () => {
    // "positive" is never wrong on the blind slice; "negative" is wrong 3 times in 100.
    const { access, projectId, db, lead } = await twoLabelProject(3);
    // One threshold for all: 3 wrong in 400 passes 5%, and every open item is covered.
    await updateAutoAcceptSettings(access, { errorBudgetPercent: 5, autoAccept: false, auditPercent: 5 });
    const pooled = await applyAutoAccept(projectId, lead.id);
    expect(pooled.certificate?.perLabel).toBeUndefined();
    expect(pooled.certificate?.curve.at(0)?.candidates).toBe(300);
    // "negative" held to 1%: a new look (the budgets changed), its share of the 5% split between
    // the two labels (lib/gold/looks.ts, per-label.ts); only "positive" passes.
    await updateAutoAcceptSettings(access, { errorBudgetPercent: 5, autoAccept: false, auditPercent: 5, labelBudgets: { negative: 1 } });
    const preview = (await applyAutoAccept(projectId, lead.id)).certificate!;
    expect(preview.perLabel).toEqual([
      expect.objectContaining({
        label: "positive",
        budget: 0.05,
        own: false,
        blindItems: 300,
        threshold: 0.95,
        errors: 0,
        candidates: 200,
        confidence: 1 - 0.005 / 2 / 2,
      }),
      expect.objectContaining({ label: "negative", budget: 0.01, own: true, blindItems: 100, threshold: null, candidates: 0 }),
    ]);
    await updateAutoAcceptSettings(access, { errorBudgetPercent: 5, autoAccept: true, auditPercent: 30, labelBudgets: { negative: 1 } });
    const r = await applyAutoAccept(projectId, lead.id);
    expect(r.accepted + r.audited).toBe(200);
    const acceptedValues = await db.goldLabel.findMany({ where: { projectId, source: "AUTO" }, select: { value: true } });
    expect(acceptedValues.every((g) => (g.value as { label: string }).label === "positive")).toBe(true);
    const event = await db.auditEvent.findFirstOrThrow({ where: { projectId, kind: "autoaccept.applied" } });
    expect((event.data as { perLabel: { label: string; threshold: number | null }[] }).perLabel.map((l) => [l.label, l.threshold])).toEqual([
      ["positive", 0.95],
      ["negative", null],
    ]);
  });

  it("pauses when one label's audit goes over that label's budget, though the whole audit is within the project's", async () => {
    const { access, projectId, db, lead } = await twoLabelProject(0);
    // Everything certified is audited (100%), so people check all 300 candidates.
    await updateAutoAcceptSettings(access, { errorBudgetPercent: 5, autoAccept: true, auditPercent: 100, labelBudgets: { positive: 2 } });
    const first = await applyAutoAccept(projectId, lead.id);
    expect(first.certificate?.perLabel?.map((l) => l.threshold)).toEqual([0.95, 0.95]);
    expect(first.audited).toBe(300);
    // People find 20 of the 200 "positive" suggestions wrong and every "negative" one right: 20 in
    // 300 is between 3.0% and 12.2%, no evidence against 5%; 20 in 200 is at least 4.3% at 97.5%,
    // all of it above positive's 2%.
    const audited = await db.item.findMany({ where: { projectId, autoAudit: true }, orderBy: { id: "asc" } });
    const suggestions = await db.suggestion.findMany({ where: { projectId, itemId: { in: audited.map((i) => i.id) } } });
    let wrong = 0;
    for (const item of audited) {
      const suggested = (suggestions.find((x) => x.itemId === item.id)!.value as { label: string }).label;
      const gold = suggested === "positive" && wrong < 20 ? (wrong++, "negative") : suggested;
      await db.goldLabel.create({ data: { itemId: item.id, projectId, value: L(gold), source: "SINGLE_REVIEW", audit: true } });
    }
    const second = await applyAutoAccept(projectId, lead.id);
    expect(second.audit).toMatchObject({ n: 300, errors: 20, over: true });
    expect(second.audit?.interval[0]).toBeLessThan(0.05);
    expect(second.audit?.labels?.[0]).toMatchObject({ label: "positive", n: 200, errors: 20, budget: 0.02, over: true });
    expect(second.audit?.labels?.[1]).toMatchObject({ label: "negative", n: 100, errors: 0, over: false });
    expect(second.paused).toMatch(
      /^The audit found 20 wrong of 200 auto-accepted "positive" labels checked by people: their error is between 4\.3% and 18\.6% \(95%, valid however often it is checked\), all of it above the label's budget of 2\.0%\.$/,
    );
  });

  it("refuses per-label budgets that name no label of the project, or on a multi-label project", async () => {
    const { access } = await project([], []);
    await expect(updateAutoAcceptSettings(access, { errorBudgetPercent: 5, autoAccept: false, auditPercent: 5, labelBudgets: { nope: 1 } })).rejects.toThrow(
      /not one of this project's labels/,
    );
    const lead = await createTestUser();
    const multi = await createTestProject(lead.id, { taskType: "MULTI_LABEL" });
    const multiAccess = await leadAccess(lead.id, multi.id);
    await expect(
      updateAutoAcceptSettings(multiAccess, { errorBudgetPercent: 5, autoAccept: false, auditPercent: 5, labelBudgets: { positive: 1 } }),
    ).rejects.toThrow(/single-label and pairwise/);
  });
});

describe("auto-accept settings form", () => {
  const parse = (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return autoAcceptSettingsSchema.safeParse(formDataToObject(form));
  };

  it("gathers the per-label fields, empty meaning the project's budget", () => {
    const r = parse({ errorBudgetPercent: "5", auditPercent: "5", "labelBudget.spam": "1", "labelBudget.ham": "" });
    expect(r.success && r.data.labelBudgets).toEqual({ spam: 1, ham: null });
  });

  it("refuses a label budget above the project's, or without one, naming the field", () => {
    const above = parse({ errorBudgetPercent: "2", auditPercent: "5", "labelBudget.spam": "3" });
    expect(above.success).toBe(false);
    expect(above.error && fieldErrorsFrom(above.error.issues)).toEqual({ "labelBudgets.spam": "At most the project's 2%" });
    const none = parse({ errorBudgetPercent: "", auditPercent: "5", "labelBudget.spam": "3" });
    expect(none.error && fieldErrorsFrom(none.error.issues)).toEqual({ "labelBudgets.spam": "Set the project's budget first" });
  });
});
