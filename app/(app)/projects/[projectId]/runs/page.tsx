import type { Metadata } from "next";
import { requirePageProjectAccess } from "@/lib/auth/page-access";
import { getProject } from "@/lib/projects/queries";
import { listPromptVersions } from "@/lib/prompts/queries";
import { DEFAULT_INSTRUCTIONS, DEFAULT_PAIRWISE_INSTRUCTIONS, STRATEGY_NAMES } from "@/lib/prompts/schemas";
import { llmConfigured } from "@/lib/llm/client";
import { DEFAULT_MODEL, SELECTABLE_MODELS } from "@/lib/llm/models";
import { preparePrompt } from "@/lib/prompts/context";
import { getBudget, listRuns } from "@/lib/runs/queries";
import { Card } from "@/components/ui/card";
import { ProjectHeader } from "../_components/project-header";
import { PromptForm } from "./_components/prompt-form";
import { StartRunForm } from "./_components/start-run-form";
import { RunList } from "./_components/run-list";
import { BudgetForm } from "./_components/budget-form";
import { PrefixNote } from "./_components/prefix-note";
import { FewShotWithoutGold, ReadOnlyPrompt } from "./_components/read-only-prompt";
import { hasGold } from "@/lib/prompts/preview";
import { listRounds } from "@/lib/alignment/queries";
import Link from "next/link";
import { taskTypeDef } from "@/lib/task-types";

export const metadata: Metadata = { title: "Pre-labeling" };
export const dynamic = "force-dynamic";

/**
 * `?version=` opens an earlier prompt version read-only (to read it, preview it, or run it again);
 * `?base=` fills the prompt form from a version, to save a new one from it.
 */
export default async function RunsPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ version?: string; base?: string }>;
}) {
  const { projectId } = await params;
  const query = await searchParams;
  const { access } = await requirePageProjectAccess(projectId, "LEAD");
  const [project, versions, runs, budget, goldExists, rounds] = await Promise.all([
    getProject(access),
    listPromptVersions(access),
    listRuns(access),
    getBudget(access),
    hasGold(access),
    listRounds(access, { take: 5 }),
  ]);
  // A proposal waiting for the lead: tested better and not used yet, or still being tested.
  const waiting = rounds.find((r) => r.status === "TESTED" && r.result?.significant) ?? rounds.find((r) => r.status === "TESTING");
  // Candidates under test (lib/alignment) are not the current prompt until promoted.
  const latest = versions.find((v) => !v.trial) ?? null;
  const current = versions.find((v) => v.id === query.version) ?? latest;
  const readOnly = current !== null && current !== latest;
  const base = versions.find((v) => v.id === query.base) ?? latest;
  const prepared = current ? await preparePrompt(access.projectId, current) : null;
  const fewShotWithoutGold = current?.strategy === "FEW_SHOT" && !goldExists;
  const configured = llmConfigured();
  const serialize = <T extends { createdAt: Date; startedAt: Date | null; finishedAt: Date | null; wakeAt: Date | null; heartbeatAt: Date | null }>(r: T) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    wakeAt: r.wakeAt?.toISOString() ?? null,
    heartbeatAt: r.heartbeatAt?.toISOString() ?? null,
  });
  return (
    <>
      <ProjectHeader project={project} role={access.role} current="runs" />
      {!configured && (
        <div role="alert" className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          <p className="font-semibold">Pre-labeling needs an Anthropic API key.</p>
          <p className="mt-1">
            Set <code className="rounded bg-amber-100 px-1">ANTHROPIC_API_KEY</code> in the server&apos;s environment (for example in{" "}
            <code className="rounded bg-amber-100 px-1">.env.local</code>) and restart Goldset. To use another Anthropic-compatible endpoint (a gateway or
            proxy), also set <code className="rounded bg-amber-100 px-1">ANTHROPIC_BASE_URL</code>. You can write prompts meanwhile.
          </p>
        </div>
      )}
      {waiting && (
        <p className="mb-6 rounded-lg border border-indigo-200 bg-indigo-50 p-3 text-sm text-indigo-950" role="status" data-testid="proposal-waiting">
          {waiting.status === "TESTING"
            ? `Round ${waiting.number}'s proposal is being tested on held-out gold. `
            : `Version ${waiting.candidateNumber}, proposed from corrections, did better than version ${waiting.parentNumber} on held-out gold and is not in use yet. `}
          <Link className="font-medium underline" href={`/projects/${projectId}/runs/improve`}>
            See the proposal
          </Link>
        </p>
      )}
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="space-y-6 lg:col-span-2">
          <Card title={current ? `Prompt · version ${current.number}${readOnly ? " (earlier, read-only)" : ""}` : "Prompt"}>
            {readOnly ? (
              <ReadOnlyPrompt projectId={projectId} version={current} />
            ) : (
              <>
                {base && base !== latest && (
                  <p className="mb-3 rounded-md bg-indigo-50 p-2 text-sm text-indigo-900" data-testid="prompt-base">
                    Starting from version {base.number}: saving makes version {(latest?.number ?? 0) + 1}.
                  </p>
                )}
                <PromptForm
                  key={base?.id ?? "new"}
                  projectId={projectId}
                  models={SELECTABLE_MODELS}
                  strategies={STRATEGY_NAMES}
                  pairwise={taskTypeDef(project.taskType).content === "pair"}
                  initial={
                    base
                      ? { modelId: base.modelId, strategy: base.strategy, instructions: base.instructions, settings: base.settings }
                      : {
                          modelId: DEFAULT_MODEL,
                          strategy: "ZERO_SHOT",
                          instructions: taskTypeDef(project.taskType).content === "pair" ? DEFAULT_PAIRWISE_INSTRUCTIONS : DEFAULT_INSTRUCTIONS,
                          settings: { temperature: 0, maxTokens: 512, samples: 1, fewShotK: 4 },
                        }
                  }
                />
              </>
            )}
            {prepared && current && (
              <div className="mt-4 space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
                <PrefixNote prefix={prepared.prefix} />
                {fewShotWithoutGold && <FewShotWithoutGold />}
                <Link className="inline-block text-indigo-700 underline" href={`/projects/${projectId}/runs/preview?version=${current.id}`}>
                  Preview the request for an item
                </Link>
                {!readOnly && (
                  <Link className="block text-indigo-700 underline" href={`/projects/${projectId}/runs/improve`}>
                    Improve this version from corrections
                  </Link>
                )}
              </div>
            )}
            {versions.length > 1 && (
              <details className="mt-4 text-sm" open={readOnly}>
                <summary className="cursor-pointer text-slate-600">All versions ({versions.length})</summary>
                <ul className="mt-2 space-y-1 text-slate-600" data-testid="prompt-versions">
                  {versions.map((v) => (
                    <li key={v.id}>
                      <Link
                        className="text-indigo-700 underline"
                        href={v === latest ? `/projects/${projectId}/runs` : `/projects/${projectId}/runs?version=${v.id}`}
                        aria-current={v === current ? "true" : undefined}
                      >
                        v{v.number}
                      </Link>{" "}
                      · {v.modelId} · {STRATEGY_NAMES[v.strategy]} · {v.createdBy.name}, {v.createdAt.toISOString().slice(0, 16).replace("T", " ")}
                      {v === latest && " (current)"}
                      {v.trial && " (candidate proposed from corrections, not in use)"}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </Card>
          <Card title="Budget">
            <BudgetForm projectId={projectId} budgetUsd={budget.budgetUsd} spentUsd={budget.spentUsd} />
          </Card>
        </div>
        <div className="space-y-6 lg:col-span-3">
          <Card title="Start a run">
            {fewShotWithoutGold && <FewShotWithoutGold />}
            <StartRunForm
              projectId={projectId}
              promptVersion={current ? { id: current.id, number: current.number } : null}
              disabled={!configured}
              refreshed={runs.map((r) => `${r.id}:${r.status}:${r.doneItems}`).join(",")}
            />
          </Card>
          <RunList projectId={projectId} initial={runs.map(serialize)} />
        </div>
      </div>
    </>
  );
}
