"use client";
// The labels and the actions, always in view: sticky beside the item on a wide screen, a bar fixed
// to the bottom on a phone. The suggested label is marked on its own button with the model's
// confidence, and the submit button says what Enter will record, so nobody accepts a label they
// have not seen. The rationale is one key (R) away.
import type { ReactNode, Ref } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { taskTypeDef, type TaskType } from "@/lib/task-types";

/** title: what the button says when it is not the label's name (a pair's sides, named as shown). */
export type PanelLabel = { name: string; color: string; hotkey: string | null; title?: string };
/** `source`: how the confidence was got: the model's votes, its own account, or the task learner's probability (the cascade). */
/** INTENDED: a synthetic item's label, the one it was written for (lib/synthesis); IMPORTED: another model's prediction. */
export type PanelSuggestion = {
  labels: string[];
  confidence: number | null;
  source: "VOTES" | "SELF_REPORTED" | "LEARNER" | "INTENDED" | "IMPORTED";
  rationale: string | null;
  /** False: the rationale quotes words the item does not contain (null: no quotes were asked for). */
  grounded?: boolean | null;
  evidence?: string[] | null;
};

const SOURCE_NOTE = {
  VOTES: "of its votes",
  SELF_REPORTED: "confident, by its own account",
  LEARNER: "probable, by the learner's estimate",
  INTENDED: "",
  IMPORTED: "confident, by that model's score",
} as const;
const WHOSE = {
  LEARNER: "the task learner's suggestion (not the LLM's)",
  INTENDED: "the label this synthetic text was written for",
  IMPORTED: "an imported model's prediction",
} as Record<string, string>;

type Props = {
  taskType: TaskType;
  labels: PanelLabel[];
  chosen: Set<string>;
  /** Null when there is no suggestion, or the item is blind. */
  suggestion: PanelSuggestion | null;
  submitText: string;
  showWhy: boolean;
  busy: boolean;
  onPick: (label: string, viaPointer: boolean) => void;
  onSubmit: () => void;
  onSkip: () => void;
  /** "I'd rather not see this": a skip that is never counted against the reviewer. */
  onOptOut?: () => void;
  onUndo: () => void;
  onToggleWhy: () => void;
  submitRef: Ref<HTMLButtonElement>;
  /** What to choose from instead of the label buttons (a rubric's criteria and levels). */
  children?: ReactNode;
};

const Key = ({ children }: { children: string }) => (
  <kbd className="rounded border border-current/30 px-1 font-mono text-[11px] opacity-80 pointer-coarse:hidden">{children}</kbd>
);
const pct = (c: number | null) => (c === null ? "" : `${Math.round(c * 100)}%`);

export function LabelPanel({ submitRef, children, ...p }: Props) {
  const type = taskTypeDef(p.taskType);
  const heading = type.review.heading;
  return (
    <section
      aria-label="Labels and actions"
      className={cn(
        "z-20 border-slate-200 bg-white",
        // Phone: a bar fixed to the bottom; wide screen: a card that stays in view while the item scrolls.
        "fixed inset-x-0 bottom-0 max-h-[55vh] overflow-y-auto border-t p-3 shadow-[0_-4px_12px_rgba(15,23,42,0.08)]",
        "lg:sticky lg:top-4 lg:inset-auto lg:max-h-none lg:rounded-lg lg:border lg:p-4 lg:shadow-sm",
      )}
    >
      <h2 className="mb-2 hidden text-sm font-semibold lg:block">{heading}</h2>
      {children}
      <ul className={children ? "hidden" : "flex flex-wrap gap-2 lg:flex-col"}>
        {p.labels.map((l, i) => {
          const suggested = p.suggestion?.labels.includes(l.name) ?? false;
          const chosen = p.chosen.has(l.name);
          return (
            <li key={l.name} className="lg:w-full">
              <button
                type="button"
                onClick={(e) => p.onPick(l.name, e.detail > 0)}
                aria-pressed={chosen}
                aria-describedby={suggested ? "suggested-note" : undefined}
                data-suggested={suggested || undefined}
                className={cn(
                  "flex w-full items-center gap-2 rounded-md border px-3 py-2 text-left text-sm",
                  chosen
                    ? "border-indigo-600 bg-indigo-50 ring-1 ring-indigo-600"
                    : suggested
                      ? "border-dashed border-indigo-400"
                      : "border-slate-200 hover:bg-slate-50",
                )}
              >
                <span className="h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: l.color }} aria-hidden />
                <span className="flex-1 font-medium">{l.title ?? l.name}</span>
                {suggested && (
                  <span className="rounded bg-indigo-100 px-1.5 py-0.5 text-[11px] font-medium whitespace-nowrap text-indigo-800" data-testid="suggested-badge">
                    {/* A pairwise tie settled from the judge's two orders disagreeing has no confidence to speak of: "0%" would read as "surely wrong". */}
                    suggested{p.suggestion?.confidence ? ` ${pct(p.suggestion.confidence)}` : ""}
                  </span>
                )}
                {(l.hotkey ?? (i < 9 ? String(i + 1) : "")) && <Key>{l.hotkey ?? String(i + 1)}</Key>}
              </button>
            </li>
          );
        })}
      </ul>
      {p.suggestion && (
        <p id="suggested-note" className="mt-2 text-xs text-slate-600">
          The dashed {type.criteria ? "levels are" : "label is"} {WHOSE[p.suggestion.source] ?? "the model's suggestion"}
          {p.suggestion.confidence !== null && (
            <>
              {" "}
              ({pct(p.suggestion.confidence)} {SOURCE_NOTE[p.suggestion.source]})
            </>
          )}
          .{" "}
          {p.suggestion.rationale && (
            <button type="button" onClick={p.onToggleWhy} aria-expanded={p.showWhy} className="text-indigo-700 underline">
              {p.showWhy ? "Hide why" : "Why?"} <Key>R</Key>
            </button>
          )}
        </p>
      )}
      {p.suggestion?.grounded === false && (
        <p className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-900" data-testid="ungrounded-rationale">
          Check this one: the model&apos;s reasoning quotes words that are not in the item.
        </p>
      )}
      {p.showWhy && p.suggestion?.rationale && (
        <div className="mt-2 rounded-md bg-indigo-50 p-2 text-sm text-slate-700" data-testid="suggestion-rationale">
          <p>{p.suggestion.rationale}</p>
          {p.suggestion.evidence?.length ? (
            <p className="mt-1 text-xs text-slate-600">
              Quoted{p.suggestion.grounded === false ? " (not all found in the item)" : ""}:{" "}
              {p.suggestion.evidence.map((q, i) => (
                <q key={i} className="mr-2 italic">
                  {q}
                </q>
              ))}
            </p>
          ) : null}
        </div>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button ref={submitRef} onClick={p.onSubmit} disabled={p.busy} data-testid="submit">
          {p.submitText} <Key>Enter</Key>
        </Button>
        <Button variant="secondary" onClick={p.onSkip} disabled={p.busy}>
          Skip <Key>S</Key>
        </Button>
        <Button variant="ghost" onClick={p.onUndo} disabled={p.busy}>
          Undo <Key>U</Key>
        </Button>
      </div>
      {p.onOptOut && (
        <button type="button" onClick={p.onOptOut} disabled={p.busy} className="mt-2 text-xs text-slate-600 underline" data-testid="opt-out">
          I&apos;d rather not see this (skip without it counting against you)
        </button>
      )}
      <p className="mt-2 hidden text-xs text-slate-500 lg:block pointer-coarse:hidden">
        <kbd className="font-mono">G</kbd> guidelines · <kbd className="font-mono">?</kbd> all shortcuts
      </p>
    </section>
  );
}
