"use client";
// The review screen, keyboard first. Number keys or a label's hotkey choose (toggle, for
// multi-label; for spans, label the selected text), Enter accepts the suggestion or submits the
// choice, S skips, U undoes, R shows why the model suggested what it did, G the guidelines, ? the
// shortcuts. Keys go to the focused control when it wants them (review-keys.ts): Tab to a label
// and Enter picks it. The labels stay in view (label-panel.tsx) with the suggestion marked on its
// button, so what Enter records is always on screen. A rubric (rating-panel.tsx) is rated criterion
// by criterion: a digit types the outlined criterion's level, the arrows move between criteria, and
// Enter submits, taking the suggested level for any criterion left as suggested. An item the model
// flagged as distressing stays blurred until the reviewer shows it (V) or skips it as "I'd rather
// not see this" (N), a skip never counted against them (care.tsx).
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { useDismissErrors, useToast } from "@/components/ui/toast";
import { LabelPanel, type PanelSuggestion } from "@/components/labeling/label-panel";
import { RatingPanel } from "@/components/labeling/rating-panel";
import { ITEM_VIEWS } from "@/components/labeling/item-views";
import { BlindNotice } from "@/components/labeling/blind-notice";
import { RecentDecisions } from "@/components/labeling/recent-decisions";
import { shownPairLabels } from "@/components/labeling/pair-view";
import { commandFor, keyBelongsToFocus } from "@/components/labeling/review-keys";
import { useReviewQueue, type NotSaved, type Progress } from "@/components/labeling/use-review-queue";
import { scaleOf, scalesOf, taskTypeDef, type Scores, type TaskType, type ValueView } from "@/lib/task-types";
import { levelForKey } from "@/lib/task-types/rating";
import { describeScores } from "@/lib/values/value";
import { BreakReminder, CapReached, DistressVeil } from "@/components/labeling/care";

/** Where a suggestion's confidence came from, as the label panel words it; anything else is the model's own account. */
const PANEL_SOURCES = new Set(["VOTES", "LEARNER", "INTENDED", "IMPORTED"]);

/** scale: a rubric criterion's (Label.scale). */
type Label = { name: string; description: string; color: string; hotkey: string | null; scale?: unknown };
type Value = ValueView;

export function ReviewScreen({
  projectId,
  taskType,
  labels: projectLabels,
  guidelines,
  blindShare,
  care = { blurDistressing: false, breakMinutes: null },
}: {
  projectId: string;
  taskType: TaskType;
  labels: Label[];
  guidelines: ReactNode;
  blindShare: number;
  /** Care for the reviewer: blur items the model flagged as distressing; remind them to take a break. */
  care?: { blurDistressing: boolean; breakMinutes: number | null };
}) {
  const toast = useToast();
  const dismissErrors = useDismissErrors();
  const onError = useCallback((m: string) => toast(m, "error"), [toast]);
  // A decision that could not be saved: its item comes back with the answer, and says why.
  const [notSaved, setNotSaved] = useState<{ itemId: number; message: string } | null>(null);
  const [restore, setRestore] = useState<{ itemId: number; value: Value | null } | null>(null);
  const [seenId, setSeenId] = useState<number | undefined>(undefined);
  const onNotSaved = useCallback((f: NotSaved) => {
    setRestore({ itemId: f.task.item.id, value: f.body.value ?? null });
    setNotSaved({ itemId: f.task.item.id, message: f.message });
    setSeenId(undefined); // the hook has put the item back on screen
  }, []);
  const queue = useReviewQueue(projectId, onError, onNotSaved);
  const { task } = queue;
  // A pair's labels as this reviewer sees its sides: the key and button for the left response pick its canonical label.
  const type = taskTypeDef(taskType);
  const pair = type.content === "pair" ? task?.item.pair : undefined;
  const swapped = pair?.swapped ?? false;
  const labels = useMemo(() => (type.content === "pair" ? shownPairLabels(projectLabels, swapped) : projectLabels), [type, projectLabels, swapped]);
  const titleOf = (name: string) => (labels as (Label & { title?: string })[]).find((l) => l.name === name)?.title ?? name;
  const ItemView = ITEM_VIEWS[type.content];
  const [choice, setChoice] = useState<Value | null>(null);
  const scales = useMemo(() => scalesOf(projectLabels), [projectLabels]);
  const [criterion, setCriterion] = useState(0);
  const [selection, setSelection] = useState<{ start: number; end: number } | null>(null);
  const [showWhy, setShowWhy] = useState(false);
  const [help, setHelp] = useState(false);
  // A first-time reviewer of this project (in this browser) sees the guidelines once, with the first item.
  const firstTimeKey = `goldset.guidelines-seen.${projectId}`;
  const [showGuidelines, setShowGuidelines] = useState(() => typeof localStorage !== "undefined" && localStorage.getItem(firstTimeKey) !== "1");
  const toggleGuidelines = useCallback(() => {
    localStorage.setItem(firstTimeKey, "1");
    setShowGuidelines((g) => !g);
  }, [firstTimeKey]);
  const [decided, setDecided] = useState(0);
  // The flagged item the reviewer chose to see (a new item starts veiled again).
  const [revealedId, setRevealedId] = useState<number | null>(null);
  const veiled = Boolean(care.blurDistressing && task?.item.distress?.length && revealedId !== task?.item.id);
  const submitRef = useRef<HTMLButtonElement>(null);
  const shownAt = useRef(0);
  const colors = Object.fromEntries(labels.map((l) => [l.name, l.color]));

  // A new item: a fresh choice (spans start from the suggestion, so accepting keeps them; an
  // undone item starts from the answer that was undone), adjusted while rendering.
  if (task && task.item.id !== seenId) {
    setSeenId(task.item.id);
    const start = restore?.itemId === task.item.id ? restore.value : null;
    const suggested: Value | undefined = task.suggestion?.value;
    setChoice(type.field === "spans" ? { spans: (start ?? suggested)?.spans ?? [] } : start);
    setRestore(null);
    setCriterion(0);
    setSelection(null);
    setShowWhy(false);
  }
  // ...and no error about the previous item left on screen.
  useEffect(() => {
    if (seenId === undefined) return;
    shownAt.current = performance.now();
    dismissErrors();
  }, [seenId, dismissErrors]);

  const decide = useCallback(
    async (action: "SUBMIT" | "SKIPPED" | "REJECTED", skipReason?: "DISTRESS") => {
      if (!task) return;
      if (action === "SUBMIT" && veiled) return toast("Show the item first (V), or skip it: I'd rather not see this (N).", "error");
      if (action === "REJECTED" && !task.item.synthetic) return;
      let value: Value | null = choice;
      if (action === "SUBMIT" && type.criteria) {
        const scores = ratedScores(
          labels.map((l) => l.name),
          choice,
          task.blind ? undefined : task.suggestion?.value,
        );
        const missing = labels.filter((l) => scores[l.name] === undefined).map((l) => l.name);
        if (missing.length) return toast(`Rate every criterion first: ${missing.join(", ")} (digit keys).`, "error");
        value = { scores };
      } else if (action === "SUBMIT" && type.field !== "spans" && !value) {
        if (!task.suggestion) return toast("Choose a label first (number keys or the hotkeys).", "error");
        value = task.suggestion.value; // Enter with nothing chosen accepts the suggestion
      }
      setNotSaved(null);
      const saved = queue.decide(task, {
        itemId: task.item.id,
        action: action === "SKIPPED" || action === "REJECTED" ? action : task.blind || !task.suggestion ? "LABELED" : "ACCEPTED",
        value: action === "SKIPPED" || action === "REJECTED" ? undefined : value,
        seconds: (performance.now() - shownAt.current) / 1000,
        ...(skipReason ? { skipReason } : {}),
      });
      if (action === "SKIPPED" && skipReason) toast("Skipped: it goes to someone else, and is not counted against you.");
      if (await saved) setDecided((n) => n + 1);
    },
    [choice, queue, task, type, toast, labels, veiled],
  );
  const optOut = useCallback(() => void decide("SKIPPED", "DISTRESS"), [decide]);

  /** A rubric: the criterion's level, then the next criterion not rated yet (or the same, at the end). */
  const rate = useCallback(
    (name: string, level: number) => {
      setChoice((c) => ({ scores: { ...c?.scores, [name]: level } }));
      const at = labels.findIndex((l) => l.name === name);
      setCriterion(Math.min(at + 1, labels.length - 1));
    },
    [labels],
  );

  const { undo: undoLast, showAgain } = queue;
  const undo = useCallback(async () => {
    const back = await undoLast();
    if (!back) return;
    // The item comes back with the answer that was undone, ready to be changed.
    setRestore({ itemId: back.task.item.id, value: back.previous.value });
    setSeenId(undefined); // even when it is the item on screen
    showAgain(back.task);
    setDecided((n) => n + 1);
    toast(`Undone: ${back.task.item.externalId} is back with your answer selected.`);
  }, [undoLast, showAgain, toast]);

  const pick = useCallback(
    (label: string, viaPointer = false) => {
      if (!task) return;
      // Each kind of value picks its own way; a type with another field must say how here.
      if (type.field === "label") setChoice({ label });
      else if (type.field === "labels") {
        setChoice((c) => {
          const suggested: Value | undefined = task.suggestion?.value;
          const current = c?.labels ?? suggested?.labels ?? [];
          return { labels: current.includes(label) ? current.filter((l) => l !== label) : [...current, label] };
        });
      } else if (type.field === "spans") {
        if (!selection) return toast("Select text first, then choose its label.", "error");
        const span = { label, start: selection.start, end: selection.end, text: task.item.text.slice(selection.start, selection.end) };
        setChoice((c) => ({ spans: [...(c?.spans ?? []), span] }));
        setSelection(null);
        window.getSelection()?.removeAllRanges();
      } else throw new Error(`The review screen cannot pick a label for ${type.name} values`);
      // A click leaves focus on the label; hand it to the submit button so Enter submits next.
      if (viaPointer && type.singleValued) submitRef.current?.focus();
    },
    [selection, task, type, toast],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (keyBelongsToFocus(e)) return;
      // A veiled item: V shows it, N skips it ("I'd rather not see this"); labels wait until it is shown.
      if (veiled && (e.key === "v" || e.key === "V")) return void (e.preventDefault(), setRevealedId(task?.item.id ?? null));
      if (veiled && (e.key === "n" || e.key === "N")) return void (e.preventDefault(), optOut());
      if (type.criteria && (/^[0-9]$/.test(e.key) || e.key === "ArrowDown" || e.key === "ArrowUp")) {
        e.preventDefault();
        if (e.key === "ArrowDown" || e.key === "ArrowUp")
          return setCriterion((c) => Math.max(0, Math.min(labels.length - 1, c + (e.key === "ArrowDown" ? 1 : -1))));
        const current = labels[criterion];
        const level = current ? levelForKey(e.key, scaleOf(scales, current.name)) : null;
        if (level === null) return toast(`${e.key} is not a level of ${current?.name ?? "this criterion"}.`, "error");
        return rate(current.name, level);
      }
      const command = commandFor(e.key, labels);
      if (!command) return;
      e.preventDefault();
      if (command.kind === "pick") return pick(command.label);
      if (command.kind === "submit") return void decide("SUBMIT");
      if (command.kind === "skip") return void decide("SKIPPED");
      if (command.kind === "reject") return void decide("REJECTED");
      if (command.kind === "undo") return void undo();
      if (command.kind === "help") return setHelp((h) => !h);
      if (command.kind === "guidelines") return toggleGuidelines();
      if (command.kind === "why") return setShowWhy((w) => !w);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [decide, labels, pick, undo, toggleGuidelines, type, criterion, scales, rate, toast, veiled, optOut, task]);

  if (task === undefined) return <p className="text-sm text-slate-500">Loading the queue…</p>;
  if (task === null) {
    return (
      <div className="space-y-4">
        <ProgressLine progress={queue.progress} />
        {queue.progress?.capReached ? (
          <CapReached today={queue.progress.today} />
        ) : (
          <EmptyState title="Nothing left to review">Every item has its reviews. New items appear here when they are imported.</EmptyState>
        )}
        <RecentDecisions projectId={projectId} taskType={taskType} labels={labels.map((l) => l.name)} refreshKey={decided} />
      </div>
    );
  }

  const suggested: Value | undefined = task.suggestion?.value;
  const spans = type.field === "spans" ? (choice?.spans ?? []) : [];
  const chosen = new Set(choice?.label ? [choice.label] : (choice?.labels ?? []));
  const panelSuggestion: PanelSuggestion | null =
    task.suggestion && !task.blind && type.field !== "spans"
      ? {
          labels: suggested?.label ? [suggested.label] : (suggested?.labels ?? []),
          confidence: task.suggestion.confidence,
          source: PANEL_SOURCES.has(task.suggestion.confidenceSource ?? "") ? (task.suggestion.confidenceSource as PanelSuggestion["source"]) : "SELF_REPORTED",
          rationale: task.suggestion.rationale,
          grounded: task.suggestion.grounded,
          evidence: task.suggestion.evidence,
        }
      : null;

  return (
    // Room under the content for the label bar that is fixed to the bottom on phones.
    <div className="grid gap-6 pb-64 lg:grid-cols-3 lg:items-start lg:pb-0">
      <div className="min-w-0 space-y-4 lg:col-span-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <ProgressLine progress={queue.progress} />
          <a href="#labels" className="sr-only focus:not-sr-only focus:text-sm focus:text-indigo-700">
            Skip to the labels
          </a>
          {task.item.synthetic && (
            <span className="flex items-center gap-2">
              <Badge tone="amber">Synthetic: written by Claude</Badge>
              <Button size="sm" variant="secondary" onClick={() => void decide("REJECTED")} disabled={queue.busy}>
                Reject as unusable <kbd className="ml-1 font-mono text-xs">X</kbd>
              </Button>
            </span>
          )}
          <Button
            size="sm"
            variant="ghost"
            onClick={toggleGuidelines}
            aria-expanded={showGuidelines}
            aria-controls="guidelines-panel"
            data-testid="guidelines-button"
          >
            Guidelines <kbd className="ml-1 hidden font-mono text-xs sm:inline">G</kbd>
          </Button>
          {task.blind ? (
            <Badge tone="amber">Blind review: no suggestion shown</Badge>
          ) : task.suggestion ? (
            <Badge tone="indigo">Assisted review</Badge>
          ) : (
            <Badge>No suggestion yet</Badge>
          )}
        </div>
        {notSaved?.itemId === task.item.id && (
          <p role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="not-saved">
            Not saved: {notSaved.message}. Your answer is selected again; press Enter to send it once more.
          </p>
        )}
        <BreakReminder projectId={projectId} minutes={care.breakMinutes} activity={decided} />
        {task.blind && <BlindNotice projectId={projectId} blindShare={blindShare} />}
        <DistressVeil categories={task.item.distress ?? []} veiled={veiled} onReveal={() => setRevealedId(task.item.id)} onOptOut={optOut}>
          <ItemView
            projectId={projectId}
            task={task}
            type={type}
            spans={spans}
            colors={colors}
            onSelect={setSelection}
            onRemove={(i) => setChoice({ spans: spans.filter((_, j) => j !== i) })}
          />
        </DistressVeil>
        {showGuidelines && (
          <section
            id="guidelines-panel"
            aria-label="Guidelines"
            className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
            data-testid="guidelines-panel"
          >
            {guidelines}
            <Button size="sm" variant="secondary" className="mt-3" onClick={toggleGuidelines}>
              Hide the guidelines
            </Button>
          </section>
        )}
        <RecentDecisions projectId={projectId} taskType={taskType} labels={labels.map((l) => l.name)} refreshKey={decided} />
      </div>
      <div id="labels" className="lg:sticky lg:top-4">
        <LabelPanel
          taskType={taskType}
          labels={labels}
          chosen={chosen}
          suggestion={panelSuggestion}
          submitText={
            type.criteria
              ? ratingSubmitText(
                  labels.map((l) => l.name),
                  choice,
                  task.blind ? undefined : suggested,
                )
              : submitText(taskType, choice, panelSuggestion, titleOf)
          }
          showWhy={showWhy}
          busy={queue.busy}
          onPick={pick}
          onSubmit={() => void decide("SUBMIT")}
          onSkip={() => void decide("SKIPPED")}
          onOptOut={optOut}
          onUndo={() => void undo()}
          onToggleWhy={() => setShowWhy((w) => !w)}
          submitRef={submitRef}
        >
          {type.criteria && (
            <RatingPanel
              criteria={labels}
              scales={scales}
              chosen={choice?.scores ?? {}}
              suggested={task.blind ? null : (suggested?.scores ?? null)}
              current={criterion}
              onRate={rate}
              onFocusCriterion={setCriterion}
            />
          )}
        </LabelPanel>
      </div>
      <Dialog open={help} onClose={() => setHelp(false)} title="Keyboard shortcuts">
        <ul className="space-y-1 text-sm">
          {type.content === "pair" && (
            <li>
              <kbd className="font-mono">A</kbd> / <kbd className="font-mono">B</kbd>: the left / right response is better · <kbd className="font-mono">T</kbd>:
              tie · Tab into a response and use the arrow keys to scroll it
            </li>
          )}
          {type.criteria ? (
            <li>
              <kbd className="font-mono">0</kbd>–<kbd className="font-mono">9</kbd>: rate the outlined criterion and go to the next ·{" "}
              <kbd className="font-mono">↑</kbd> / <kbd className="font-mono">↓</kbd>: the previous / next criterion
            </li>
          ) : (
            <li>
              <kbd className="font-mono">1</kbd>–<kbd className="font-mono">9</kbd> or a label&apos;s hotkey: choose it
              {type.review.keyAction}
            </li>
          )}
          {type.content === "image" && (
            <li>
              <kbd className="font-mono">+</kbd> / <kbd className="font-mono">−</kbd>: zoom the picture in / out (click it to toggle fit and 200%)
            </li>
          )}
          <li>
            <kbd className="font-mono">Enter</kbd>: accept the suggestion, or submit your choice (on a focused button, Enter presses that button)
          </li>
          <li>
            <kbd className="font-mono">S</kbd>: skip · <kbd className="font-mono">U</kbd>: undo the last decision · <kbd className="font-mono">X</kbd>: reject a
            synthetic item as unusable
          </li>
          <li>
            On a blurred item: <kbd className="font-mono">V</kbd>: show it · <kbd className="font-mono">N</kbd>: I&apos;d rather not see this (a skip never
            counted against you)
          </li>
          <li>
            <kbd className="font-mono">R</kbd>: why the model suggested it · <kbd className="font-mono">G</kbd>: guidelines · <kbd className="font-mono">?</kbd>
            : this list
          </li>
        </ul>
      </Dialog>
    </div>
  );
}

/** A rubric's answer over the active criteria: the levels chosen, and the suggestion's for those left as suggested. */
function ratedScores(criteria: string[], choice: Value | null, suggested: Value | undefined): Scores {
  const level = (name: string) => choice?.scores?.[name] ?? suggested?.scores?.[name];
  return Object.fromEntries(criteria.flatMap((name) => (level(name) === undefined ? [] : [[name, level(name)!]])));
}

function ratingSubmitText(criteria: string[], choice: Value | null, suggested: Value | undefined): string {
  const scores = ratedScores(criteria, choice, suggested);
  const left = criteria.length - Object.keys(scores).length;
  if (left > 0) return `Rate ${left} more`;
  return `${choice ? "Submit" : "Accept"}: ${describeScores(scores)}`;
}

function submitText(taskType: TaskType, choice: Value | null, suggestion: PanelSuggestion | null, titleOf: (name: string) => string): string {
  if (taskTypeDef(taskType).field === "spans") return "Submit";
  if (choice) return `Submit: ${choice.label ? titleOf(choice.label) : choice.labels?.length ? choice.labels.join(", ") : "no labels"}`;
  if (suggestion) return `Accept: ${suggestion.labels.map(titleOf).join(", ") || "no labels"}`;
  return "Submit";
}

function ProgressLine({ progress }: { progress: Progress | null }) {
  if (!progress) return null;
  return (
    <p className="text-sm text-slate-600" data-testid="review-progress" aria-live="polite">
      Reviewed today: <strong>{progress.today}</strong> · Remaining: <strong>{progress.remaining}</strong>
      {progress.adjudication > 0 && <> · Waiting for adjudication: {progress.adjudication}</>}
    </p>
  );
}
