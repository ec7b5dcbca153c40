"use client";
// The latest auto-accept apply, live: a progress bar while it walks the project's items, then
// what it did in words. Polls once a second while queued or running, and refreshes the page when
// it ends (the certificate and counts elsewhere on the page follow).
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { ApplyProgress as Progress } from "@/lib/gold/apply-job";
import { applyProgressAction } from "../actions";

const pct = (x: number) => `${Math.round(x * 100)}%`;
const live = (p: Progress | null) => p !== null && (p.status === "QUEUED" || p.status === "RUNNING");
const REASONS = { settings: "your settings", run: "a finished run", audit: "the audit resuming it" } as const;

export function ApplyProgress({
  projectId,
  initial,
  waitFor,
}: {
  projectId: string;
  initial: Progress | null;
  /** the apply a save just queued: shown, and polled, until it ends */ waitFor?: string;
}) {
  const [p, setP] = useState(initial);
  const router = useRouter();
  const pending = (x: Progress | null) => live(x) || (waitFor !== undefined && x?.id !== waitFor);
  useEffect(() => {
    if (!pending(p)) return;
    let stopped = false;
    const timer = setInterval(async () => {
      const res = await applyProgressAction(projectId, {});
      if (stopped || !res.ok) return;
      setP(res.data);
      if (!pending(res.data)) {
        clearInterval(timer);
        router.refresh();
      }
    }, 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
    // Polling starts once per apply; `p` changes on every poll and must not restart it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [projectId, waitFor]);
  if (!p || (waitFor !== undefined && p.id !== waitFor)) return null;
  return (
    <div className="rounded-md border border-slate-200 p-3 text-sm" data-testid="apply-progress" aria-live="polite">
      {live(p) ? (
        <ProgressBar
          value={p.progress ?? 0}
          label={
            p.status === "QUEUED"
              ? "Apply queued…"
              : `Applying: ${p.accepted.toLocaleString()} accepted, ${p.audited.toLocaleString()} kept for the audit so far`
          }
        />
      ) : p.status === "FAILED" ? (
        <p className="text-red-800">The last apply failed: {p.error}. Saving again starts another.</p>
      ) : (
        <p data-testid="apply-result">{doneInWords(p)}</p>
      )}
      <p className="mt-1 text-xs text-slate-500">
        Started by {REASONS[p.reason]} at {new Date(p.createdAt).toISOString().slice(11, 16)} UTC. Applying runs in the background: reviewers keep working
        meanwhile.
      </p>
    </div>
  );
}

function doneInWords(p: Progress): string {
  const s = p.summary;
  if (!s) return "Applied.";
  const counts = `${p.accepted.toLocaleString()} items auto-accepted now, ${p.audited.toLocaleString()} kept for people to audit blind`;
  const total = p.totalAccepted === null ? "" : ` (${p.totalAccepted.toLocaleString()} auto-accepted in all)`;
  if (s.paused) return `Auto-accept paused: ${s.paused}`;
  if (s.hasCertificate === false)
    return "Saved. Nothing to certify yet: no prompt version has labeled items. Pre-label them first; the certificate follows each run.";
  if (s.labels) {
    const certified = `Certified per label: ${s.labels.certified} of ${s.labels.of} labels`;
    return s.accepting ? `Done. ${certified}: ${counts}${total}.` : `${certified}. Auto-accept is off or paused: nothing accepted.`;
  }
  if (!s.certified)
    return s.moreBlindNeeded === null
      ? "Nothing certified: the model's most confident answers are wrong more often than the budget allows."
      : `Nothing certified yet: about ${s.moreBlindNeeded.toLocaleString()} more blind reviews are needed.`;
  const threshold = s.threshold === null ? "per label (see Quality)" : `at the model's stated confidence of ${pct(s.threshold)} or more`;
  if (!s.accepting)
    return `Certified ${threshold}. Auto-accept is off or paused: nothing accepted${p.audited ? `; ${p.audited.toLocaleString()} kept for the audit` : ""}.`;
  return `Done. Certified ${threshold}: ${counts}${total}.${s.resumed ? " The audit resumed auto-accept." : ""}`;
}
