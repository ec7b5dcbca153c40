"use client";
// Care for the people who review (lib/reviews/care.ts), on the review screen: the content warning
// before the first item, a veil over items the model flagged as distressing (shown when the
// reviewer chooses, or skipped with "I'd rather not see this"), a break reminder, and the end of
// the day's cap.
import { useEffect, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** The project's content warning, until the reviewer says they are ready (recorded on the server, once per warning text). */
export function ContentWarningGate({
  projectId,
  warning,
  onAcknowledge,
  children,
}: {
  projectId: string;
  warning: string | null;
  onAcknowledge: () => Promise<unknown>;
  children: ReactNode;
}) {
  const [acknowledged, setAcknowledged] = useState(warning === null);
  const [busy, setBusy] = useState(false);
  if (acknowledged) return <>{children}</>;
  return (
    <section
      role="alertdialog"
      aria-labelledby="content-warning-title"
      aria-describedby="content-warning-text"
      className="mx-auto max-w-xl rounded-lg border border-amber-300 bg-amber-50 p-6 shadow-sm"
      data-testid="content-warning"
    >
      <h2 id="content-warning-title" className="text-lg font-semibold text-amber-950">
        Before you start: a content warning
      </h2>
      <p id="content-warning-text" className="mt-2 text-sm whitespace-pre-wrap text-amber-950">
        {warning}
      </p>
      <p className="mt-3 text-sm text-amber-900">
        You can skip any item with <strong>I&apos;d rather not see this</strong>: it goes to someone else and is never counted against you.
      </p>
      <div className="mt-4 flex flex-wrap gap-3">
        <Button
          autoFocus
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await onAcknowledge().catch(() => null);
            setAcknowledged(true);
          }}
        >
          I understand, show me the items
        </Button>
        <a href={`/projects/${projectId}`} className="self-center text-sm text-amber-900 underline">
          Not now
        </a>
      </div>
    </section>
  );
}

/**
 * An item the model flagged: blurred (and hidden from screen readers) until the reviewer chooses
 * to see it. V shows it, N skips it as "I'd rather not see this".
 */
export function DistressVeil({
  categories,
  veiled,
  onReveal,
  onOptOut,
  children,
}: {
  categories: string[];
  veiled: boolean;
  onReveal: () => void;
  onOptOut: () => void;
  children: ReactNode;
}) {
  if (!veiled) return <>{children}</>;
  return (
    <div className="relative min-h-56 overflow-hidden rounded-lg" data-testid="distress-veil">
      <div className="pointer-events-none blur-xl select-none" aria-hidden inert>
        {children}
      </div>
      <div className="absolute inset-0 flex items-center justify-center p-4">
        <div className="max-w-sm rounded-lg border border-slate-200 bg-white/95 p-4 text-center shadow-lg">
          <p className="text-sm font-medium text-slate-900">This item may contain: {categories.join(", ")}.</p>
          <p className="mt-1 text-xs text-slate-600">Flagged by the model; it is blurred until you choose to see it.</p>
          <div className="mt-3 flex flex-wrap justify-center gap-2">
            <Button size="sm" onClick={onReveal} data-testid="reveal-item">
              Show it <kbd className="ml-1 font-mono text-xs">V</kbd>
            </Button>
            <Button size="sm" variant="secondary" onClick={onOptOut} data-testid="opt-out-veiled">
              I&apos;d rather not see this <kbd className="ml-1 font-mono text-xs">N</kbd>
            </Button>
          </div>
        </div>
      </div>
    </div>
  );
}

const IDLE_MS = 10 * 60 * 1000;

/**
 * After `minutes` of reviewing (a pause of ten minutes or more starts the count again), a gentle
 * reminder to take a break; "Keep going" starts the count again. Kept per browser tab.
 */
export function BreakReminder({ projectId, minutes, activity }: { projectId: string; minutes: number | null; activity: number }) {
  const key = `goldset.review-session.${projectId}`;
  const [due, setDue] = useState(false);
  useEffect(() => {
    if (!minutes) return;
    const now = Date.now();
    const stored = JSON.parse(sessionStorage.getItem(key) ?? "null") as { start: number; last: number } | null;
    const session = !stored || now - stored.last > IDLE_MS ? { start: now, last: now } : { ...stored, last: now };
    sessionStorage.setItem(key, JSON.stringify(session));
    const check = () => setDue(Date.now() - session.start >= minutes * 60_000);
    check();
    const timer = setInterval(check, 30_000);
    return () => clearInterval(timer);
  }, [key, minutes, activity]);
  if (!minutes || !due) return null;
  return (
    <div
      role="status"
      className="flex flex-wrap items-center gap-3 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900"
      data-testid="break-reminder"
    >
      <span>You have been reviewing for {minutes} minutes or more. A short break helps: your place is kept.</span>
      <Button
        size="sm"
        variant="secondary"
        onClick={() => {
          sessionStorage.setItem(key, JSON.stringify({ start: Date.now(), last: Date.now() }));
          setDue(false);
        }}
      >
        Keep going
      </Button>
    </div>
  );
}

/** The day's cap is reached. */
export function CapReached({ today }: { today: number }) {
  return (
    <EmptyState title="That is today's share">
      You reviewed {today} items today, the most this project asks of one person in a day. Thank you. The queue opens again for you tomorrow.
    </EmptyState>
  );
}
