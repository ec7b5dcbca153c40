import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageProjectAccess } from "@/lib/auth/page-access";
import { getProject } from "@/lib/projects/queries";
import { getItem } from "@/lib/items/queries";
import { PairResponses } from "@/components/labeling/pair-responses";
import { ImageView } from "@/components/labeling/image-view";
import { JudgmentsList } from "@/components/labeling/judgments-list";
import { latestSuggestion } from "@/lib/runs/queries";
import { goldFor, itemDecisions, referenceFor } from "@/lib/reviews/queries";
import { listAuditEvents } from "@/lib/audit/read";
import { Badge } from "@/components/ui/badge";
import { GoldCorrection } from "./_components/gold-correction";
import { describeValue, parseValue } from "@/lib/values/value";
import { Card } from "@/components/ui/card";
import { ProjectHeader } from "../../_components/project-header";

export const metadata: Metadata = { title: "Item" };
export const dynamic = "force-dynamic";

export default async function ItemPage({ params }: { params: Promise<{ projectId: string; itemId: string }> }) {
  const { projectId, itemId } = await params;
  const id = Number(itemId);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const { access } = await requirePageProjectAccess(projectId);
  const project = await getProject(access);
  const item = await getItem(access, id).catch(() => notFound());
  // Leads see the model's latest suggestion here; annotators meet suggestions in review only.
  const suggestion = access.role === "LEAD" ? await latestSuggestion(access, id) : null;
  const lead = access.role === "LEAD";
  const [gold, reference, decisions, history] = await Promise.all([
    lead ? goldFor(access, id) : null,
    lead ? referenceFor(access, id) : null,
    itemDecisions(access, id),
    lead ? listAuditEvents(access, { itemId: id, take: 50 }) : [],
  ]);
  // What a span gold can be corrected to: the answers given (each reviewer's, the model's).
  const answers = [
    ...new Map(
      [...decisions.filter((d) => d.value).map((d) => d.value), ...(suggestion?.status === "OK" ? [suggestion.value] : [])].map((v) => [JSON.stringify(v), v]),
    ).entries(),
  ].map(([json, v]) => ({ json, text: describeValue(v) }));
  return (
    <>
      <ProjectHeader project={project} role={access.role} current="items" />
      <Link href={`/projects/${projectId}/items`} className="text-sm text-slate-500 hover:text-slate-800">
        ← All items
      </Link>
      <div className="mt-3 grid gap-6 lg:grid-cols-3">
        <Card title={<span className="font-mono text-sm break-all">{item.externalId}</span>} className="lg:col-span-2">
          {item.image && (
            <div className="mb-3">
              <ImageView
                src={`/api/v1/projects/${projectId}/media/${item.image.sha256}`}
                width={item.image.width}
                height={item.image.height}
                alt={`The item's picture: ${item.image.path}`}
              />
            </div>
          )}
          {/* Untrusted text: rendered as text with its line breaks, never as HTML. Focusable, so a
              long text scrolls from the keyboard too. */}
          <div
            data-testid="item-text"
            tabIndex={0}
            role="region"
            aria-label="Item text"
            className="max-h-[70vh] overflow-auto rounded text-sm leading-relaxed break-words whitespace-pre-wrap focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
          >
            {item.text}
          </div>
          {item.responseA !== null && item.responseB !== null && (
            <div className="mt-4">
              <PairResponses a={item.responseA} b={item.responseB} modelA={item.modelA} modelB={item.modelB} />
            </div>
          )}
        </Card>
        <Card title={lead ? "Decisions" : "Your decisions"} className="lg:col-span-2">
          {decisions.length === 0 ? (
            <p className="text-sm text-slate-500">No one has decided on this item yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="decisions">
              {decisions.map((d) => (
                <li key={d.id} className="flex flex-wrap items-center gap-2 py-2">
                  <span className="font-medium">{d.annotatorName}</span>
                  <span>{d.action === "SKIPPED" ? "skipped" : `${d.action.toLowerCase()}: `}</span>
                  {d.value !== null && <strong>{describeValue(d.value)}</strong>}
                  {d.blind && <Badge tone="amber">blind</Badge>}
                  <span className="ml-auto text-xs text-slate-500">
                    {d.createdAt.toISOString().slice(0, 16).replace("T", " ")}
                    {d.version > 1 && `, changed ${d.updatedAt.toISOString().slice(0, 16).replace("T", " ")}`}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <div className="space-y-6">
          {lead && (
            <Card title="Gold">
              {gold ? (
                <>
                  <p className="font-mono text-sm break-words" data-testid="gold">
                    {describeValue(gold.value)}
                  </p>
                  <p className="mt-1 text-xs text-slate-500">
                    {gold.source === "AUTO"
                      ? "auto-accepted (no person has checked it)"
                      : gold.source === "IMPORTED"
                        ? "imported with the item"
                        : gold.source.replaceAll("_", " ").toLowerCase()}
                    {gold.blind ? " · blind" : ""}
                  </p>
                </>
              ) : (
                <p className="text-sm text-slate-500">No gold yet.</p>
              )}
              {reference && (
                <p className="mt-2 text-sm" data-testid="reference">
                  <span className="text-slate-500">Reference (imported): </span>
                  <span className="font-mono break-words">{describeValue(reference.value)}</span>
                </p>
              )}
              <details className="mt-3">
                <summary className="cursor-pointer text-sm text-indigo-700">{gold ? "Correct it" : "Set it"}</summary>
                <div className="mt-2">
                  <GoldCorrection
                    projectId={projectId}
                    itemId={id}
                    taskType={project.taskType}
                    labels={project.labels.map((l) => l.name)}
                    current={gold ? parseValue(project.taskType, gold.value) : null}
                    answers={answers}
                    blind={gold?.blind ?? false}
                  />
                </div>
              </details>
            </Card>
          )}
          {suggestion && (
            <Card title="LLM suggestion">
              <div data-testid="suggestion" className="space-y-2 text-sm">
                {suggestion.status === "OK" ? (
                  <>
                    <p className="font-mono text-sm break-words">{describeValue(suggestion.value)}</p>
                    <p className="text-slate-600">
                      Confidence {Math.round((suggestion.confidence ?? 0) * 100)}%{" "}
                      <span className="text-xs">({suggestion.confidenceSource === "VOTES" ? "share of votes" : "the model's own estimate"})</span>
                    </p>
                    {suggestion.rationale && !suggestion.judgments && <p className="whitespace-pre-wrap text-slate-700">{suggestion.rationale}</p>}
                    <JudgmentsList judgments={suggestion.judgments} />
                  </>
                ) : (
                  <p className="text-red-700">Failed: {suggestion.failureReason}</p>
                )}
                <p className="text-xs text-slate-500">
                  Prompt v{suggestion.promptVersion.number} · {suggestion.model} ·{" "}
                  {suggestion.inputTokens + suggestion.cacheReadTokens + suggestion.cacheWriteTokens} in / {suggestion.outputTokens} out tokens · $
                  {Number(suggestion.costUsd).toFixed(6)}
                </p>
              </div>
            </Card>
          )}
          <Card title="Details">
            <dl className="space-y-1 text-sm">
              <div className="flex justify-between gap-2">
                <dt className="text-slate-500">Status</dt>
                <dd>{item.status}</dd>
              </div>
              <div className="flex justify-between gap-2">
                <dt className="text-slate-500">Characters</dt>
                <dd>{item.text.length.toLocaleString("en-US")}</dd>
              </div>
              <div className="flex justify-between gap-2">
                <dt className="text-slate-500">Imported</dt>
                <dd>{item.createdAt.toISOString().slice(0, 16).replace("T", " ")}</dd>
              </div>
              {item.import && (
                <div className="flex justify-between gap-2">
                  <dt className="text-slate-500">From</dt>
                  <dd className="truncate">{item.import.fileName}</dd>
                </div>
              )}
            </dl>
          </Card>
          {lead && history.length > 0 && (
            <Card title="History">
              <ul className="space-y-2 text-sm" data-testid="item-history">
                {history.map((e) => (
                  <li key={e.id}>
                    <span className="font-medium">{e.actorName}</span> {e.summary}
                    <span className="block text-xs text-slate-500">{e.createdAt.toISOString().slice(0, 16).replace("T", " ")}</span>
                  </li>
                ))}
              </ul>
            </Card>
          )}
          {/* Metadata can hold reference answers (the demo's original labels): leads only, so
              annotators are not anchored by them. */}
          {lead && (
            <Card title="Metadata">
              <pre
                tabIndex={0}
                aria-label="Metadata"
                className="max-h-96 overflow-auto rounded text-xs whitespace-pre-wrap focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
              >
                {JSON.stringify(item.metadata, null, 2)}
              </pre>
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
