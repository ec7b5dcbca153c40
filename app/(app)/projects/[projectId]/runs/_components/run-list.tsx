"use client";
// Runs with live progress: polls while a run is queued or running.
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toast";
import { controlRunAction } from "../actions";

type Run = {
  id: string;
  status: "QUEUED" | "RUNNING" | "PAUSED" | "CANCELLED" | "DONE" | "STOPPED";
  mode: "DIRECT" | "BATCH";
  totalItems: number;
  doneItems: number;
  failedItems: number;
  failures: { reason: string; count: number }[];
  remaining: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
  cascadedItems: number;
  cascadeSavedUsd: number;
  cascadeNote: string | null;
  etaSeconds: number | null;
  error: string | null;
  createdAt: string;
  batchIds: string[];
  wakeAt: string | null;
  promptVersion: { number: number; modelId: string };
};

const TONE = { QUEUED: "slate", RUNNING: "indigo", PAUSED: "amber", CANCELLED: "slate", DONE: "green", STOPPED: "red" } as const;
const n = (x: number) => x.toLocaleString("en-US");
const eta = (s: number | null) => (s === null ? "—" : s < 60 ? `${s} s` : s < 3600 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`);

export function RunList({ projectId, initial }: { projectId: string; initial: Run[] }) {
  const [runs, setRuns] = useState(initial);
  const [seen, setSeen] = useState(initial);
  if (seen !== initial) {
    setSeen(initial);
    setRuns(initial);
  }
  const router = useRouter();
  const toast = useToast();
  const active = runs.some((r) => r.status === "QUEUED" || r.status === "RUNNING");

  useEffect(() => {
    if (!active) return;
    let ticks = 0;
    const timer = setInterval(async () => {
      const res = await fetch(`/api/v1/projects/${projectId}/runs`, { cache: "no-store" });
      if (!res.ok) return;
      const next: Run[] = (await res.json()).runs;
      setRuns(next);
      // The rest of the page (budget spent, the estimate, whether Start run has anything left to
      // label) follows the run: refreshed every few seconds while it runs, and when it ends.
      ticks++;
      if (ticks % 5 === 0 || !next.some((r) => r.status === "QUEUED" || r.status === "RUNNING")) router.refresh();
    }, 1000);
    return () => clearInterval(timer);
  }, [active, projectId, router]);

  if (!runs.length)
    return <EmptyState title="No runs yet">Start a run above: the model suggests a label for each item, and the progress shows here.</EmptyState>;

  const act = async (runId: string, verb: string) => {
    const res = await controlRunAction(projectId, { runId, verb });
    if (!res.ok) toast(res.message, "error");
    router.refresh();
  };

  return (
    <ul className="space-y-4" aria-label="Runs">
      {runs.map((r) => {
        const done = r.doneItems + r.failedItems;
        const pctDone = r.totalItems ? r.doneItems / r.totalItems : 0;
        const pctFailed = r.totalItems ? r.failedItems / r.totalItems : 0;
        const cacheShare =
          r.inputTokens + r.cacheReadTokens + r.cacheWriteTokens ? r.cacheReadTokens / (r.inputTokens + r.cacheReadTokens + r.cacheWriteTokens) : 0;
        return (
          <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="run">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="text-sm font-medium">
                Prompt v{r.promptVersion.number} · {r.promptVersion.modelId} · {r.mode === "BATCH" ? "Message Batches" : "direct"}
              </p>
              <Badge tone={TONE[r.status]}>{r.status.toLowerCase()}</Badge>
            </div>
            <div
              role="progressbar"
              aria-label="Run progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round((done / Math.max(1, r.totalItems)) * 100)}
              className="mt-3 flex h-2 w-full overflow-hidden rounded-full bg-slate-200"
            >
              <div className="h-full bg-green-600 transition-all" style={{ width: `${pctDone * 100}%` }} />
              <div className="h-full bg-red-500 transition-all" style={{ width: `${pctFailed * 100}%` }} />
            </div>
            <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-xs text-slate-600 sm:grid-cols-4" data-testid="run-stats">
              <div>
                <dt className="inline">Done </dt>
                <dd className="inline font-medium text-slate-900">{n(r.doneItems)}</dd> / {n(r.totalItems)}
              </div>
              <div>
                <dt className="inline">Failed </dt>
                <dd className="inline font-medium text-slate-900">{n(r.failedItems)}</dd>
              </div>
              <div>
                <dt className="inline">Remaining </dt>
                <dd className="inline font-medium text-slate-900">{n(r.remaining)}</dd>
              </div>
              <div>
                <dt className="inline">ETA </dt>
                <dd className="inline font-medium text-slate-900">{r.status === "RUNNING" ? eta(r.etaSeconds) : "—"}</dd>
              </div>
              <div>
                <dt className="inline">Tokens </dt>
                <dd className="inline font-medium text-slate-900">
                  {n(r.inputTokens + r.cacheReadTokens + r.cacheWriteTokens)} in / {n(r.outputTokens)} out
                </dd>
              </div>
              <div>
                <dt className="inline">From cache </dt>
                <dd className="inline font-medium text-slate-900">{Math.round(cacheShare * 100)}%</dd>
              </div>
              <div>
                <dt className="inline">Cost </dt>
                <dd className="inline font-medium text-slate-900">${r.costUsd.toFixed(4)}</dd>
              </div>
            </dl>
            <FailureReasons failures={r.failures} />
            {r.mode === "BATCH" && r.status === "RUNNING" && r.batchIds.length > 0 && (
              <p className="mt-2 text-sm text-slate-600" data-testid="batch-waiting">
                Waiting for Anthropic: {r.batchIds.length === 1 ? "1 batch" : `${r.batchIds.length} batches`} submitted (answers within 24 h)
                {r.wakeAt && <>, next check at {new Date(r.wakeAt).toLocaleTimeString()}</>}.
              </p>
            )}
            {r.cascadeNote && (
              <p className="mt-2 text-sm text-slate-600" data-testid="run-cascade">
                {r.cascadedItems > 0 && (
                  <strong className="text-slate-900">
                    {n(r.cascadedItems)} items answered by the task learner{r.cascadeSavedUsd > 0 ? `, about $${r.cascadeSavedUsd.toFixed(4)} saved` : ""}.{" "}
                  </strong>
                )}
                {r.cascadeNote}
              </p>
            )}
            {r.error && (
              <p
                role={r.status === "PAUSED" ? "alert" : undefined}
                className={`mt-2 text-sm ${r.status === "PAUSED" ? "text-amber-900" : "text-red-700"}`}
                data-testid="run-reason"
              >
                {r.error}
              </p>
            )}
            <div className="mt-3 flex gap-2">
              {(r.status === "RUNNING" || r.status === "QUEUED") && (
                <Button size="sm" variant="secondary" onClick={() => act(r.id, "pause")}>
                  Pause
                </Button>
              )}
              {(r.status === "PAUSED" || r.status === "STOPPED") && (
                <Button size="sm" variant="secondary" onClick={() => act(r.id, "resume")}>
                  Resume
                </Button>
              )}
              {(r.status === "DONE" || r.status === "STOPPED") && r.failedItems > 0 && (
                <Button size="sm" variant="secondary" onClick={() => act(r.id, "retry-failed")}>
                  Retry the {n(r.failedItems)} failed item{r.failedItems === 1 ? "" : "s"}
                </Button>
              )}
              {["QUEUED", "RUNNING", "PAUSED", "STOPPED"].includes(r.status) && (
                <Button size="sm" variant="ghost" onClick={() => act(r.id, "cancel")}>
                  Cancel
                </Button>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** Why items failed, grouped, updated with each poll: a lead sees "connection refused x 12" while it happens, not after. */
function FailureReasons({ failures }: { failures: Run["failures"] }) {
  if (!failures.length) return null;
  return (
    <div className="mt-2 text-sm" data-testid="run-failures">
      <p className="font-medium text-red-800">Why items failed</p>
      <ul className="mt-1 space-y-0.5 text-slate-700">
        {failures.map((f) => (
          <li key={f.reason} className="flex gap-2">
            <span className="shrink-0 tabular-nums font-medium text-slate-900">{n(f.count)} ×</span>
            <span className="min-w-0 break-words">{f.reason}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
