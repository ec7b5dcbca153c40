import type { Metadata } from "next";
import Link from "next/link";
import { requirePageProjectAccess } from "@/lib/auth/page-access";
import { getProject } from "@/lib/projects/queries";
import { getCurrentPromptVersion } from "@/lib/prompts/queries";
import { llmConfigured } from "@/lib/llm/client";
import { SELECTABLE_MODELS } from "@/lib/llm/models";
import { listRounds, splitSummary, testEstimate } from "@/lib/alignment/queries";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ProjectHeader } from "../../_components/project-header";
import { ProposeForm } from "./_components/propose-form";
import { RoundCard } from "./_components/round-card";
import { RefreshWhile } from "./_components/refresh-while";
import { LoopForm } from "./_components/loop-form";
import { listLoops } from "@/lib/alignment/loop";
import { Badge } from "@/components/ui/badge";
import { alphaForLook } from "@/lib/alignment/stats";

export const metadata: Metadata = { title: "Improve the prompt" };
export const dynamic = "force-dynamic";

/** The strongest selectable model proposes by default (the lead may choose another). */
const DEFAULT_PROPOSER = SELECTABLE_MODELS.includes("claude-sonnet-4-6") ? "claude-sonnet-4-6" : SELECTABLE_MODELS[0];

export default async function ImprovePage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { access } = await requirePageProjectAccess(projectId, "LEAD");
  const [project, current, rounds, split, loops] = await Promise.all([
    getProject(access),
    getCurrentPromptVersion(access),
    listRounds(access),
    splitSummary(access),
    listLoops(access),
  ]);
  const looping = loops.some((l) => l.status === "RUNNING");
  const lastLook = Math.max(0, ...rounds.map((r) => r.look ?? 0));
  const estimates = new Map(await Promise.all(rounds.filter((r) => r.status === "DRAFT").map(async (r) => [r.id, await testEstimate(access, r.id)] as const)));
  return (
    <>
      <ProjectHeader project={project} role={access.role} current="runs" />
      <RefreshWhile active={looping || rounds.some((r) => r.status === "TESTING" || (r.acquisition !== null && r.acquisition.disagreements === null))} />
      <p className="mb-4 text-sm">
        <Link className="text-indigo-700 underline" href={`/projects/${projectId}/runs`}>
          ← Pre-labeling
        </Link>
      </p>
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Improve the prompt from corrections">
            <div className="space-y-3 text-sm text-slate-700">
              <p>
                Claude reads the current version&apos;s mistakes on gold, grouped by confusion, and proposes revised instructions and label descriptions. The
                proposal is tested against its parent on gold it never saw, and replaces it only if it is significantly better there.
              </p>
              <p data-testid="gold-split">
                {split.proposer + split.heldOut === 0
                  ? "The gold is split at the first proposal: all blind gold and half the rest are held out."
                  : `Gold split: ${split.proposer.toLocaleString("en-US")} items the proposer may read, ${split.heldOut.toLocaleString("en-US")} held out (all blind gold first)${split.reserved ? `, and ${split.reserved.toLocaleString("en-US")} unreviewed items reserved for the held-out part` : ""}. Gold reviewed later joins one part once, when the next proposal or test is made.`}
              </p>
            </div>
            <div className="mt-4">
              {!current ? (
                <EmptyState title="No prompt yet">Save a prompt on Pre-labeling and run it on the gold set first.</EmptyState>
              ) : (
                <ProposeForm
                  projectId={projectId}
                  versionId={current.id}
                  versionNumber={current.number}
                  models={SELECTABLE_MODELS}
                  defaultModel={DEFAULT_PROPOSER}
                  disabled={!llmConfigured()}
                />
              )}
            </div>
          </Card>
          {current && (
            <Card title="Let it run">
              <p className="mb-3 text-sm text-slate-700">
                Propose, test, keep the best, again: each round starts from the best version so far and the loop stops at the first round without a significant
                gain, after the rounds you allow, or before a round the cap could not cover. It never switches the prompt: you use the best version.
              </p>
              <LoopForm
                projectId={projectId}
                versionId={current.id}
                models={SELECTABLE_MODELS}
                defaultModel={DEFAULT_PROPOSER}
                disabled={!llmConfigured() || looping}
              />
              {loops.length > 0 && (
                <ul className="mt-4 space-y-2 text-sm" aria-label="Loops" data-testid="loops">
                  {loops.map((l) => (
                    <li key={l.id} className="rounded-md border border-slate-200 p-2">
                      <Badge tone={l.status === "RUNNING" ? "amber" : "slate"}>{l.status === "RUNNING" ? "running" : "stopped"}</Badge> From version{" "}
                      {l.startNumber}, up to {l.maxRounds} rounds, cap ${l.capUsd.toFixed(2)}: spent ${l.spentUsd.toFixed(4)}; best so far version{" "}
                      {l.bestNumber}.{l.stopReason && <> Stopped: {l.stopReason}.</>}
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          )}
        </div>
        <div className="space-y-4 lg:col-span-3">
          <h2 className="text-base font-semibold">Rounds</h2>
          {rounds.length === 0 ? (
            <EmptyState title="No proposals yet">
              Run the current version on the gold set (Pre-labeling, &quot;The gold set only&quot;), then ask for a proposal: it needs corrections to learn
              from.
            </EmptyState>
          ) : (
            rounds.map((r) => (
              <RoundCard key={r.id} projectId={projectId} round={r} estimate={estimates.get(r.id) ?? null} nextAlpha={alphaForLook(lastLook + 1)} />
            ))
          )}
        </div>
      </div>
    </>
  );
}
