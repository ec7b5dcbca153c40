"use client";
// The review queue as the screen sees it: the item on screen, the next one already leased in the
// background (so moving on is instant), the counters, and the calls that record, skip and undo.
// One decision at a time: a second Enter while the first is on its way does nothing.
import { useCallback, useEffect, useRef, useState } from "react";
import type { ReviewTask } from "@/lib/reviews/types";

export type Progress = { today: number; remaining: number; adjudication: number };
export type Undone = { task: ReviewTask; previous: { action: string; value: unknown } };
type Batch = { task: ReviewTask | null; progress: Progress };

async function post<T>(url: string, body?: object): Promise<T> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
  if (!res.ok) throw new Error((await res.json().catch(() => null))?.error?.message ?? `HTTP ${res.status}`);
  return res.json();
}

export function useReviewQueue(projectId: string, onError: (message: string) => void) {
  const base = `/api/v1/projects/${projectId}/review`;
  const [task, setTask] = useState<ReviewTask | null | undefined>(undefined);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const next = useRef<Promise<ReviewTask | null> | null>(null);
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
      // Lease the following item now, so it is there the moment this one is done.
      next.current = t ? claim([t.item.id]).catch(() => null) : null;
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
    show(pending ? await pending : await claim([]).catch(() => null));
  }, [claim, show]);

  /** Records a decision (retried once on a network error, with the same id) and moves on. False when nothing was recorded. */
  const decide = useCallback(
    async (body: { itemId: number; action: string; value?: unknown; seconds: number }): Promise<boolean> => {
      if (inFlight.current) return false;
      inFlight.current = true;
      setBusy(true);
      const payload = { id: crypto.randomUUID(), ...body };
      try {
        const sentAt = performance.now();
        const res = await post<{ progress: Progress }>(`${base}/decisions`, payload).catch(() => post<{ progress: Progress }>(`${base}/decisions`, payload));
        counted(sentAt, res.progress);
        await advance();
        return true;
      } catch (e) {
        onError(`Not saved: ${(e as Error).message}`);
        return false;
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [advance, base, counted, onError],
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
