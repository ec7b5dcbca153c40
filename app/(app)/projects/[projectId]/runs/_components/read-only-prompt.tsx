// An earlier prompt version as it was saved: read-only, with the two things a lead does with it
// (run it again from the form beside it, or start a new version from it).
import Link from "next/link";
import { STRATEGY_NAMES } from "@/lib/prompts/schemas";
import type { PromptSettings } from "@/lib/llm/settings";
import { buttonClass } from "@/components/ui/button";

type Version = { id: string; number: number; modelId: string; strategy: keyof typeof STRATEGY_NAMES; instructions: string; settings: PromptSettings };

export function ReadOnlyPrompt({ projectId, version }: { projectId: string; version: Version }) {
  const s = version.settings;
  return (
    <div className="space-y-3 text-sm" data-testid="read-only-prompt">
      <dl className="grid grid-cols-2 gap-x-3 gap-y-1">
        <dt className="text-slate-500">Model</dt>
        <dd>{version.modelId}</dd>
        <dt className="text-slate-500">Strategy</dt>
        <dd>{STRATEGY_NAMES[version.strategy]}</dd>
        <dt className="text-slate-500">Temperature · max tokens</dt>
        <dd>
          {s.temperature} · {s.maxTokens.toLocaleString()}
        </dd>
        <dt className="text-slate-500">Samples{version.strategy === "FEW_SHOT" ? " · examples" : ""}</dt>
        <dd>
          {s.samples}
          {version.strategy === "FEW_SHOT" ? ` · ${s.fewShotK}` : ""}
        </dd>
      </dl>
      <div>
        <p className="text-slate-500">Instructions</p>
        <pre className="mt-1 max-h-64 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-2 whitespace-pre-wrap">{version.instructions}</pre>
      </div>
      <div className="flex flex-wrap gap-2">
        <Link className={buttonClass("secondary", "sm")} href={`/projects/${projectId}/runs?base=${version.id}`}>
          Start a new version from this one
        </Link>
        <Link className={buttonClass("secondary", "sm")} href={`/projects/${projectId}/runs`}>
          Back to the current version
        </Link>
      </div>
      <p className="text-slate-500">To run this version again, use “Start a run” beside it: runs started here use version {version.number}.</p>
    </div>
  );
}

export function FewShotWithoutGold() {
  return (
    <p role="status" className="mb-3 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900" data-testid="few-shot-without-gold">
      This version is few-shot, but the project has no gold labels yet: it will run without examples until items are reviewed.
    </p>
  );
}
