"use client";
// Starts a training, and while one is queued or running, refreshes the page every few seconds so
// the scores appear when it ends.
import { useActionState, useEffect } from "react";
import { useRouter } from "next/navigation";
import { FormError } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { trainLearnerAction } from "../actions";

/** `finishedId`: the latest training, when it has ended (ready or failed). */
export function TrainLearnerButton({ projectId, busy, again, finishedId }: { projectId: string; busy: boolean; again: boolean; finishedId: string | null }) {
  const [state, action] = useActionState(trainLearnerAction.bind(null, projectId), null);
  const router = useRouter();
  // Waiting from the click until the page shows the training this click started as ended.
  const waiting = busy || (state?.ok === true && state.data.id !== finishedId);
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => router.refresh(), 3000);
    return () => clearInterval(timer);
  }, [waiting, router]);
  if (waiting)
    return (
      <p role="status" className="text-sm text-slate-600" data-testid="learner-training">
        Training in the background… the scores appear here when it ends.
      </p>
    );
  return (
    <form action={action}>
      <FormError message={state && !state.ok ? state.message : undefined} />
      <SubmitButton size="sm" variant={again ? "secondary" : "primary"} pendingLabel="Starting…">
        {again ? "Train again on the latest labels" : "Train the learner"}
      </SubmitButton>
    </form>
  );
}
