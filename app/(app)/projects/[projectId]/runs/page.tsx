import type { Metadata } from "next";
import { requirePageProjectAccess } from "@/lib/auth/page-access";
import { getProject } from "@/lib/projects/queries";
import { listPromptVersions } from "@/lib/prompts/queries";
import { DEFAULT_INSTRUCTIONS, STRATEGY_NAMES } from "@/lib/prompts/schemas";
import { llmConfigured } from "@/lib/llm/client";
import { DEFAULT_MODEL, SELECTABLE_MODELS } from "@/lib/llm/models";
import { preparePrompt } from "@/lib/runs/prompt-context";
import { getBudget, listRuns } from "@/lib/runs/queries";
import { Card } from "@/components/ui/card";
import { ProjectHeader } from "../_components/project-header";
import { PromptForm } from "./_components/prompt-form";
import { StartRunForm } from "./_components/start-run-form";
import { RunList } from "./_components/run-list";
import { BudgetForm } from "./_components/budget-form";
import { PrefixNote } from "./_components/prefix-note";

export const metadata: Metadata = { title: "Pre-labeling" };
export const dynamic = "force-dynamic";

export default async function RunsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { access } = await requirePageProjectAccess(projectId, "LEAD");
  const [project, versions, runs, budget] = await Promise.all([
    getProject(access),
    listPromptVersions(access),
    listRuns(access),
    getBudget(access),
  ]);
  const current = versions[0] ?? null;
  const prepared = current ? await preparePrompt(access.projectId, current) : null;
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
            <code className="rounded bg-amber-100 px-1">.env.local</code>) and restart Goldset. To use another Anthropic-compatible endpoint (a
            gateway or proxy), also set <code className="rounded bg-amber-100 px-1">ANTHROPIC_BASE_URL</code>. You can write prompts meanwhile.
          </p>
        </div>
      )}
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="space-y-6 lg:col-span-2">
          <Card title={current ? `Prompt · version ${current.number}` : "Prompt"}>
            <PromptForm
              projectId={projectId}
              models={SELECTABLE_MODELS}
              strategies={STRATEGY_NAMES}
              initial={
                current
                  ? { modelId: current.modelId, strategy: current.strategy, instructions: current.instructions, settings: current.settings }
                  : { modelId: DEFAULT_MODEL, strategy: "ZERO_SHOT", instructions: DEFAULT_INSTRUCTIONS, settings: { temperature: 0, maxTokens: 512, samples: 1, fewShotK: 4 } }
              }
            />
            {prepared && (
              <div className="mt-4 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
                <PrefixNote prefix={prepared.prefix} />
              </div>
            )}
            {versions.length > 1 && (
              <details className="mt-4 text-sm">
                <summary className="cursor-pointer text-slate-600">Earlier versions ({versions.length - 1})</summary>
                <ul className="mt-2 space-y-1 text-slate-600">
                  {versions.slice(1).map((v) => (
                    <li key={v.id}>
                      v{v.number} · {v.modelId} · {STRATEGY_NAMES[v.strategy]} · {v.createdBy.name}, {v.createdAt.toISOString().slice(0, 16).replace("T", " ")}
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
            <StartRunForm projectId={projectId} promptVersion={current ? { id: current.id, number: current.number } : null} disabled={!configured} />
          </Card>
          <RunList projectId={projectId} initial={runs.map(serialize)} />
        </div>
      </div>
    </>
  );
}
