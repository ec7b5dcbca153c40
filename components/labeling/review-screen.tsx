"use client";
// The review screen, keyboard first. Number keys or a label's hotkey choose (toggle, for
// multi-label; for spans, label the selected text), Enter accepts the suggestion or submits the
// choice, S skips, U undoes, G shows the guidelines, ? lists the shortcuts. The next item is
// leased in the background while this one is on screen, so moving on is instant.
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toast";
import { SpanText, type Span } from "@/components/labeling/span-text";
import type { ReviewTask } from "@/lib/reviews/types";

type Label = { name: string; description: string; color: string; hotkey: string | null };
type Value = { label?: string; labels?: string[]; spans?: Span[] };
type Progress = { today: number; remaining: number; adjudication: number };

export function ReviewScreen({ projectId, taskType, labels, guidelines }: { projectId: string; taskType: "SINGLE_LABEL" | "MULTI_LABEL" | "SPANS"; labels: Label[]; guidelines: ReactNode }) {
  const toast = useToast();
  const [task, setTask] = useState<ReviewTask | null | undefined>(undefined);
  const [choice, setChoice] = useState<Value | null>(null);
  const [selection, setSelection] = useState<{ start: number; end: number } | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [help, setHelp] = useState(false);
  const [showGuidelines, setShowGuidelines] = useState(false);
  const [busy, setBusy] = useState(false);
  const next = useRef<Promise<ReviewTask | null> | null>(null);
  const shownAt = useRef(0);
  const base = `/api/v1/projects/${projectId}/review`;
  const colors = Object.fromEntries(labels.map((l) => [l.name, l.color]));

  const fetchNext = useCallback(
    async (skip: number[]): Promise<{ task: ReviewTask | null; progress: Progress }> => {
      const res = await fetch(`${base}/next`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ skip }) });
      if (!res.ok) throw new Error((await res.json().catch(() => null))?.error?.message ?? `HTTP ${res.status}`);
      return res.json();
    },
    [base],
  );

  const show = useCallback(
    (t: ReviewTask | null) => {
      setTask(t);
      setSelection(null);
      // Spans start from the suggestion, so accepting keeps them; classification starts empty.
      const suggested = t?.suggestion?.value as Value | undefined;
      setChoice(taskType === "SPANS" ? { spans: suggested?.spans ?? [] } : null);
      shownAt.current = performance.now();
      // Lease the following item now, so it is there the moment this one is done.
      next.current = t
        ? fetchNext([t.item.id]).then(
            (b) => {
              setProgress(b.progress);
              return b.task;
            },
            () => null,
          )
        : null;
    },
    [fetchNext, taskType],
  );

  useEffect(() => {
    let cancelled = false;
    fetchNext([])
      .then((b) => {
        if (cancelled) return;
        setProgress(b.progress);
        show(b.task);
      })
      .catch((e) => !cancelled && toast(String(e.message ?? e), "error"));
    return () => {
      cancelled = true;
    };
  }, [fetchNext, show, toast]);

  const advance = useCallback(async () => {
    const pending = next.current;
    show(pending ? await pending : await fetchNext([]).then((b) => b.task).catch(() => null));
  }, [fetchNext, show]);

  const decide = useCallback(
    async (action: "SUBMIT" | "SKIPPED") => {
      if (!task || busy) return;
      let value: Value | null = choice;
      if (action === "SUBMIT" && taskType !== "SPANS" && !value) {
        if (!task.suggestion) return toast("Choose a label first (number keys or the hotkeys).", "error");
        value = task.suggestion.value as Value; // Enter with nothing chosen accepts the suggestion
      }
      const body = {
        id: crypto.randomUUID(),
        itemId: task.item.id,
        action: action === "SKIPPED" ? "SKIPPED" : task.blind || !task.suggestion ? "LABELED" : "ACCEPTED",
        value: action === "SKIPPED" ? undefined : value,
        seconds: (performance.now() - shownAt.current) / 1000,
      };
      setBusy(true);
      try {
        // Retried once on a network error with the same id: the server records it once.
        const send = () => fetch(`${base}/decisions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        const res = await send().catch(() => send());
        if (!res.ok) throw new Error((await res.json().catch(() => null))?.error?.message ?? `HTTP ${res.status}`);
        await advance();
      } catch (e) {
        toast(`Not saved: ${(e as Error).message}`, "error");
      } finally {
        setBusy(false);
      }
    },
    [advance, base, busy, choice, task, taskType, toast],
  );

  const undo = useCallback(async () => {
    const res = await fetch(`${base}/undo`, { method: "POST" });
    if (!res.ok) return toast("Nothing to undo.", "error");
    const body = await res.json();
    if (!body.task) return toast("Nothing to undo.", "error");
    show(body.task);
    toast("Last decision undone.");
  }, [base, show, toast]);

  const pick = useCallback(
    (label: string) => {
      if (!task) return;
      if (taskType === "SINGLE_LABEL") setChoice({ label });
      else if (taskType === "MULTI_LABEL") {
        setChoice((c) => {
          const current = c?.labels ?? ((task.suggestion?.value as Value | undefined)?.labels ?? []);
          return { labels: current.includes(label) ? current.filter((l) => l !== label) : [...current, label] };
        });
      } else {
        if (!selection) return toast("Select text with the mouse first, then press the label's key.", "error");
        const span = { label, start: selection.start, end: selection.end, text: task.item.text.slice(selection.start, selection.end) };
        setChoice((c) => ({ spans: [...(c?.spans ?? []), span] }));
        setSelection(null);
        window.getSelection()?.removeAllRanges();
      }
    },
    [selection, task, taskType, toast],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.metaKey || e.ctrlKey || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === "?") return setHelp((h) => !h);
      if (key === "g") return setShowGuidelines((g) => !g);
      if (key === "enter") return void decide("SUBMIT");
      if (key === "s") return void decide("SKIPPED");
      if (key === "u") return void undo();
      const byHotkey = labels.find((l) => l.hotkey === key);
      const byNumber = /^[1-9]$/.test(key) ? labels[Number(key) - 1] : undefined;
      const label = byHotkey ?? byNumber;
      if (label) {
        e.preventDefault();
        pick(label.name);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [decide, labels, pick, undo]);

  const progressBar = progress && (
    <p className="text-sm text-slate-600" data-testid="review-progress">
      Reviewed today: <strong>{progress.today}</strong> · Remaining: <strong>{progress.remaining}</strong>
      {progress.adjudication > 0 && <> · Waiting for adjudication: {progress.adjudication}</>}
    </p>
  );

  if (task === undefined) return <p className="text-sm text-slate-500">Loading the queue…</p>;
  if (task === null) {
    return (
      <div className="space-y-4">
        {progressBar}
        <EmptyState title="Nothing left to review">Every item has its reviews. New items appear here when they are imported.</EmptyState>
      </div>
    );
  }

  const suggested = task.suggestion?.value as Value | undefined;
  const chosen = new Set(choice?.label ? [choice.label] : (choice?.labels ?? (taskType === "MULTI_LABEL" ? suggested?.labels ?? [] : [])));
  const spans = taskType === "SPANS" ? (choice?.spans ?? []) : [];

  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="space-y-4 lg:col-span-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          {progressBar}
          {task.blind ? (
            <Badge tone="amber">Blind review: no suggestion shown</Badge>
          ) : task.suggestion ? (
            <Badge tone="indigo">Assisted review</Badge>
          ) : (
            <Badge>No suggestion yet</Badge>
          )}
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <p className="mb-3 font-mono text-xs text-slate-500" data-testid="review-item-id">
            {task.item.externalId}
          </p>
          {taskType === "SPANS" ? (
            <SpanText text={task.item.text} spans={spans} colors={colors} onSelect={setSelection} onRemove={(i) => setChoice({ spans: spans.filter((_, j) => j !== i) })} />
          ) : (
            <div data-testid="review-text" className="text-base leading-relaxed break-words whitespace-pre-wrap">
              {task.item.text}
            </div>
          )}
        </div>
        {task.suggestion && !task.blind && taskType !== "SPANS" && (
          <div className="rounded-lg border border-indigo-200 bg-indigo-50 p-4 text-sm" data-testid="review-suggestion">
            <p>
              Suggestion: <strong>{suggested?.label ?? suggested?.labels?.join(", ") ?? ""}</strong>
              {task.suggestion.confidence !== null && (
                <span className="ml-2 text-slate-600">
                  {Math.round(task.suggestion.confidence * 100)}% {task.suggestion.confidenceSource === "VOTES" ? "of votes" : "confident"}
                </span>
              )}
            </p>
            {task.suggestion.rationale && <p className="mt-1 text-slate-700">{task.suggestion.rationale}</p>}
            <p className="mt-1 text-xs text-slate-500">Press Enter to accept it, or choose another label.</p>
          </div>
        )}
      </div>
      <div className="space-y-4">
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 className="mb-3 text-sm font-semibold">{taskType === "MULTI_LABEL" ? "Labels (toggle)" : taskType === "SPANS" ? "Select text, then a label" : "Label"}</h2>
          <ul className="space-y-2">
            {labels.map((l, i) => (
              <li key={l.name}>
                <button
                  type="button"
                  onClick={() => pick(l.name)}
                  aria-pressed={chosen.has(l.name)}
                  className={`flex w-full items-center gap-2 rounded-md border px-3 py-2 text-left text-sm ${chosen.has(l.name) ? "border-indigo-500 bg-indigo-50" : "border-slate-200 hover:bg-slate-50"}`}
                >
                  <span className="h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: l.color }} aria-hidden />
                  <span className="flex-1 font-medium">{l.name}</span>
                  <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs">{l.hotkey ?? (i < 9 ? i + 1 : "")}</kbd>
                </button>
              </li>
            ))}
          </ul>
          <div className="mt-4 flex flex-wrap gap-2">
            <Button onClick={() => decide("SUBMIT")} disabled={busy}>
              {choice || taskType === "SPANS" || !task.suggestion ? "Submit" : "Accept"} <kbd className="font-mono text-xs opacity-80">Enter</kbd>
            </Button>
            <Button variant="secondary" onClick={() => decide("SKIPPED")} disabled={busy}>
              Skip <kbd className="font-mono text-xs">S</kbd>
            </Button>
            <Button variant="ghost" onClick={undo}>
              Undo <kbd className="font-mono text-xs">U</kbd>
            </Button>
          </div>
          <p className="mt-3 text-xs text-slate-500">
            <kbd className="font-mono">G</kbd> guidelines · <kbd className="font-mono">?</kbd> all shortcuts
          </p>
        </div>
        {showGuidelines && <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">{guidelines}</div>}
      </div>
      <Dialog open={help} onClose={() => setHelp(false)} title="Keyboard shortcuts">
        <ul className="space-y-1 text-sm">
          <li><kbd className="font-mono">1</kbd>–<kbd className="font-mono">9</kbd> or a label&apos;s hotkey: choose it{taskType === "MULTI_LABEL" ? " (toggle)" : taskType === "SPANS" ? " for the selected text" : ""}</li>
          <li><kbd className="font-mono">Enter</kbd>: accept the suggestion, or submit your choice</li>
          <li><kbd className="font-mono">S</kbd>: skip · <kbd className="font-mono">U</kbd>: undo the last decision</li>
          <li><kbd className="font-mono">G</kbd>: guidelines · <kbd className="font-mono">?</kbd>: this list</li>
        </ul>
      </Dialog>
    </div>
  );
}
