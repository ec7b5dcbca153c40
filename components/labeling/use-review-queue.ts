"use client";
// The review queue as the screen sees it: the item on screen, the next one already leased in the
// background, the counters, and the calls that record, skip and undo. A decision moves on at once
// to the item leased in advance while it is sent in the background, one after another in the
// order pressed (so undo always takes back the last one); if it cannot be saved, its item comes
// back with the answer (`onNotSaved`). A key bounce (two Enters before the screen moved on) is
// one decision.
import { useCallback, useEffect, useRef, useState } from "react";
import type { ReviewTask } from "@/lib/reviews/types";
import type { SuggestionValue, ValueView } from "@/lib/values/value";

/** capReached: the reviewer reached the project's daily cap (lib/reviews/care.ts). */
export type Progress = { today: number; remaining: number; adjudication: number; capReached?: boolean };
export type Undone = { task: ReviewTask; previous: { action: string; value: SuggestionValue | null } };
type Batch = { task: ReviewTask | null; progress: Progress };

async function post<T>(url: string, body?: object): Promise<T> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
  if (!res.ok) throw new Error((await res.json().catch(() => null))?.error?.message ?? `HTTP ${res.status}`);
  return res.json();
}

type DecisionBody = { itemId: number; action: string; value?: ValueView | null; seconds: number; skipReason?: "DISTRESS" };
export type NotSaved = { task: ReviewTask; body: DecisionBody; message: string };

export function useReviewQueue(projectId: string, onError: (message: string) => void, onNotSaved: (failure: NotSaved) => void) {
  const base = `/api/v1/projects/${projectId}/review`;
  const [task, setTask] = useState<ReviewTask | null | undefined>(undefined);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const next = useRef<Promise<ReviewTask | null> | null>(null);
  // The decisions on their way, chained so they reach the server in the order they were made.
  const sending = useRef<Promise<unknown>>(Promise.resolve());
  // Counters come back with several calls; only a newer call's counters replace older ones.
  const latest = useRef(0);
  const counted = useCallback((sentAt: number, p: Progress) => {
    if (sentAt < latest.current) return;
    latest.current = sentAt;
    setProgress(p);
  }, []);

  const claim = useCallback(
    async (skip: number[]): Promise<ReviewTask | null> => {
      const sentAt = performance.now();
      const b = await post<Batch>(`${base}/next`, { skip });
      counted(sentAt, b.progress);
      return b.task;
    },
    [base, counted],
  );

  const show = useCallback(
    (t: ReviewTask | null) => {
      setTask(t);
      // Lease the following item now, so it is there the moment this one is done; after the
      // decisions still on their way, or the server would hand back the item just decided.
      next.current = t ? sending.current.then(() => claim([t.item.id])).catch(() => null) : null;
    },
    [claim],
  );

  useEffect(() => {
    let gone = false;
    claim([])
      .then((t) => !gone && show(t))
      .catch((e) => !gone && onError(String(e.message ?? e)));
    return () => {
      gone = true;
    };
  }, [claim, show, onError]);

  const advance = useCallback(async () => {
    const pending = next.current;
    const ahead = pending ? await pending : null;
    // Nothing was leased ahead (the queue looked empty, or the day's cap counted the item on
    // screen, which may be skipped without counting): ask again once this decision is in.
    show(ahead ?? (await sending.current.then(() => claim([])).catch(() => null)));
  }, [claim, show]);

  /**
   * Records a decision on the item on screen and moves on without waiting for the server. The
   * returned promise says whether it was saved (retried once on a network error, with the same
   * id); `undefined` when a decision was already moving on (a key bounce).
   */
  const decide = useCallback(
    (task: ReviewTask, body: DecisionBody): Promise<boolean> | undefined => {
      if (inFlight.current) return undefined;
      inFlight.current = true;
      setBusy(true);
      const payload = { id: crypto.randomUUID(), ...body };
      const sentAt = performance.now();
      const send = () => post<{ progress: Progress }>(`${base}/decisions`, payload);
      const saved = sending.current.then(() => send().catch(() => send()));
      sending.current = saved.catch(() => {});
      advance().finally(() => {
        inFlight.current = false;
        setBusy(false);
      });
      return saved.then(
        (res) => {
          counted(sentAt, res.progress);
          return true;
        },
        (e: Error) => {
          // Back on screen, and the next item leased again (one leased meanwhile may have been this one).
          show(task);
          onNotSaved({ task, body, message: e.message });
          return false;
        },
      );
    },
    [advance, base, counted, onNotSaved, show],
  );

  /**
   * Takes the last decision back and returns the item with the answer that was undone; the
   * caller shows it (`showAgain`), after setting what should be selected. The item leased in
   * advance stays leased to this reviewer and comes back soon after.
   */
  const undo = useCallback(async (): Promise<Undone | null> => {
    if (inFlight.current) return null;
    inFlight.current = true;
    try {
      await sending.current; // the last decision pressed is the one taken back
      return await post<Undone>(`${base}/undo`);
    } catch (e) {
      onError((e as Error).message);
      return null;
    } finally {
      inFlight.current = false;
    }
  }, [base, onError]);

  return { task, progress, busy, decide, undo, showAgain: setTask };
}
