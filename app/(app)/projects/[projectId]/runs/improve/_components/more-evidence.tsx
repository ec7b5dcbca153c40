"use client";
// When a test could not decide: label unreviewed items with both versions and review first the
// ones they disagree on (the only items a paired test learns from), then test again.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import { JsForm } from "@/components/ui/js-form";
import { ProgressBar } from "@/components/ui/progress-bar";
import { useToast } from "@/components/ui/toast";
import type { RoundView } from "@/lib/alignment/queries";
import { retestAction, reviewFirstAction } from "../actions";

const usd = (n: number) => (n < 0.01 ? `$${n.toFixed(4)}` : `$${n.toFixed(2)}`);

export function MoreEvidence({ projectId, round, nextAlpha }: { projectId: string; round: RoundView; nextAlpha: number }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const router = useRouter();
  const toast = useToast();
  const a = round.acquisition;
  const perItem = round.result && round.result.n ? round.result.costUsd / round.result.n : null;
  if (a) {
    const waiting = a.disagreements === null;
    return (
      <div className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="review-first">
        {waiting ? (
          <p role="status">
            Both versions are labeling {a.items.toLocaleString("en-US")} unreviewed items; the ones they disagree on will go first in the review queue.
          </p>
        ) : (
          <>
            <p>
              They disagree on <strong>{a.disagreements!.toLocaleString("en-US")}</strong> of {a.items.toLocaleString("en-US")} items; reviewers see them first,
              without either suggestion. Reviewed: {a.reviewed.toLocaleString("en-US")}.
            </p>
            {a.disagreements! > 0 && <ProgressBar value={a.reviewed / a.disagreements!} label="Disagreements reviewed" />}
          </>
        )}
        <p className="text-slate-600">Testing again is another look at the held-out set: it is held to p &lt; {nextAlpha}.</p>
        <FormError message={error} />
        <Button
          variant="secondary"
          disabled={waiting || busy}
          onClick={async () => {
            setBusy(true);
            const res = await retestAction(projectId, { roundId: round.id });
            setBusy(false);
            if (!res.ok) return setError(res.message);
            toast(`Testing again (test ${res.data.look}, level ${res.data.alpha}).`);
            router.refresh();
          }}
        >
          Test again with the new gold
        </Button>
      </div>
    );
  }
  return (
    <JsForm
      className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const res = await reviewFirstAction(projectId, { roundId: round.id, items: String(new FormData(e.currentTarget).get("items") ?? "") });
        setBusy(false);
        if (!res.ok) return setError(res.fieldErrors?.items ?? res.message);
        toast(`Both versions are labeling ${res.data.items} items.`);
        router.refresh();
      }}
    >
      <p>
        Decide with fewer reviews: both versions label unreviewed items, and the ones they disagree on (the only ones that tell them apart) go first in the
        review queue, shown without either suggestion. They join the held-out set: the proposer never sees them.
      </p>
      <Field id={`items-${round.id}`} label="Unreviewed items to label with both versions" error={error}>
        <Input id={`items-${round.id}`} name="items" inputMode="numeric" defaultValue="200" error={error} />
      </Field>
      {perItem !== null && (
        <p className="text-slate-600">At this test&apos;s cost, about {usd(perItem * 2)} per item for the two versions; the budget applies.</p>
      )}
      <Button type="submit" variant="secondary" disabled={busy}>
        {busy ? "Starting…" : "Review where they disagree first"}
      </Button>
    </JsForm>
  );
}
