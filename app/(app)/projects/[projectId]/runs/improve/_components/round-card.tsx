"use client";
// One proposal round: what changed and why, the draft to edit and test, then the held-out verdict
// and, only when it is significant at the test's level, "Use this version".
import { useState } from "react";
import { useRouter } from "next/navigation";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, FormError, Textarea } from "@/components/ui/field";
import { JsForm } from "@/components/ui/js-form";
import { useToast } from "@/components/ui/toast";
import type { RoundView } from "@/lib/alignment/queries";
import { decideRoundAction, testRoundAction } from "../actions";
import { InstructionDiff } from "./instruction-diff";
import { TestResultView } from "./test-result";
import { MoreEvidence } from "./more-evidence";

export type Estimate = { heldOut: number; parentItems: number; expectedUsd: number; worstCaseUsd: number } | null;

const STATUS: Record<RoundView["status"], { tone: "slate" | "indigo" | "green" | "amber" | "red"; text: string }> = {
  DRAFT: { tone: "indigo", text: "draft" },
  TESTING: { tone: "amber", text: "testing on held-out gold" },
  TESTED: { tone: "slate", text: "tested" },
  PROMOTED: { tone: "green", text: "in use" },
  DISCARDED: { tone: "slate", text: "discarded" },
};
const usd = (n: number) => (n < 0.01 ? `$${n.toFixed(4)}` : `$${n.toFixed(2)}`);

export function RoundCard({ projectId, round, estimate, nextAlpha }: { projectId: string; round: RoundView; estimate: Estimate; nextAlpha: number }) {
  const status = STATUS[round.status];
  return (
    <article className="space-y-3 rounded-lg border border-slate-200 p-4" data-testid="proposal-round" aria-labelledby={`round-${round.id}`}>
      <header className="flex flex-wrap items-center gap-2">
        <h3 id={`round-${round.id}`} className="font-semibold">
          Round {round.number}
        </h3>
        <Badge tone={status.tone}>{status.text}</Badge>
        <p className="text-sm text-slate-600">
          Proposed from {round.corrections} corrections of version {round.parentNumber} on {round.createdAt.slice(0, 10)} by {round.proposerModel} (
          {usd(round.proposalCostUsd)}){round.candidateNumber !== null && <> · candidate version {round.candidateNumber}</>}
        </p>
      </header>
      {round.changes.length > 0 && (
        <ul className="list-disc space-y-1 pl-5 text-sm" aria-label="Changes and the corrections behind them">
          {round.changes.map((c, i) => (
            <li key={i}>
              {c.change}{" "}
              <span className="text-slate-500">
                (people said “{c.gold}”, the model “{c.suggested}”: {c.items} items)
              </span>
            </li>
          ))}
        </ul>
      )}
      {round.status === "DRAFT" ? (
        <DraftEditor projectId={projectId} round={round} estimate={estimate} />
      ) : (
        <InstructionDiff before={round.parentInstructions} after={round.instructions} />
      )}
      {round.status === "TESTING" && (
        <p className="text-sm text-slate-700" role="status">
          Both versions are answering the held-out items (test {round.look}, held to p &lt; {round.alpha}). Follow the runs on{" "}
          <Link className="text-indigo-700 underline" href={`/projects/${projectId}/runs`}>
            Pre-labeling
          </Link>
          ; the verdict appears here when they end.
        </p>
      )}
      {round.result && <TestResultView result={round.result} parentNumber={round.parentNumber} candidateNumber={round.candidateNumber} look={round.look} />}
      {round.status === "TESTED" && !round.result?.significant && <MoreEvidence projectId={projectId} round={round} nextAlpha={nextAlpha} />}
      {round.status === "TESTED" && <Decide projectId={projectId} round={round} />}
    </article>
  );
}

function DraftEditor({ projectId, round, estimate }: { projectId: string; round: RoundView; estimate: Estimate }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [instructions, setInstructions] = useState(round.instructions);
  const router = useRouter();
  const toast = useToast();
  return (
    <JsForm
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const labelDescriptions = Object.fromEntries(Object.keys(round.labelDescriptions).map((l) => [l, String(form.get(`label:${l}`) ?? "")]));
        setBusy(true);
        const res = await testRoundAction(projectId, { roundId: round.id, instructions, labelDescriptions });
        setBusy(false);
        if (!res.ok) return setError(res.fieldErrors?.instructions ?? res.message);
        toast(`Testing on ${res.data.heldOut} held-out items (test ${res.data.look}, level ${res.data.alpha}).`);
        router.refresh();
      }}
    >
      <InstructionDiff before={round.parentInstructions} after={instructions} />
      <Field id={`instructions-${round.id}`} label="Instructions (edit before testing if you like)">
        <Textarea id={`instructions-${round.id}`} rows={6} value={instructions} onChange={(e) => setInstructions(e.target.value)} />
      </Field>
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-700">Label descriptions</summary>
        <div className="mt-2 space-y-2">
          {Object.entries(round.labelDescriptions).map(([label, description]) => (
            <Field key={label} id={`label-${round.id}-${label}`} label={label}>
              <Textarea id={`label-${round.id}-${label}`} name={`label:${label}`} rows={2} defaultValue={description} />
            </Field>
          ))}
        </div>
      </details>
      {estimate && (
        <p className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="test-estimate">
          Testing runs the candidate on <strong>{estimate.heldOut.toLocaleString("en-US")}</strong> held-out gold items
          {estimate.parentItems > 0 && (
            <>
              {" "}
              and version {round.parentNumber} on the {estimate.parentItems.toLocaleString("en-US")} it has not answered
            </>
          )}
          : about <strong>{usd(estimate.expectedUsd)}</strong>, at most <strong>{usd(estimate.worstCaseUsd)}</strong>. The budget applies.
        </p>
      )}
      <FormError message={error} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={busy}>
          {busy ? "Starting the test…" : "Test on held-out gold"}
        </Button>
        <DiscardButton projectId={projectId} roundId={round.id} />
      </div>
    </JsForm>
  );
}

function Decide({ projectId, round }: { projectId: string; round: RoundView }) {
  const [error, setError] = useState<string>();
  const router = useRouter();
  const toast = useToast();
  if (!round.result?.significant) return <DiscardButton projectId={projectId} roundId={round.id} />;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        onClick={async () => {
          const res = await decideRoundAction(projectId, { roundId: round.id, verb: "promote" });
          if (!res.ok) return setError(res.message);
          toast(`Version ${res.data?.number} is now the current prompt.`);
          router.refresh();
        }}
      >
        Use version {round.candidateNumber}
      </Button>
      <DiscardButton projectId={projectId} roundId={round.id} />
      <FormError message={error} />
    </div>
  );
}

function DiscardButton({ projectId, roundId }: { projectId: string; roundId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  return (
    <>
      <Button
        variant="secondary"
        onClick={async () => {
          const res = await decideRoundAction(projectId, { roundId, verb: "discard" });
          if (!res.ok) return setError(res.message);
          router.refresh();
        }}
      >
        Discard
      </Button>
      <FormError message={error} />
    </>
  );
}
