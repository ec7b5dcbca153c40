import type { Metadata } from "next";
import Link from "next/link";
import { requirePageProjectAccess } from "@/lib/auth/page-access";
import { getProject } from "@/lib/projects/queries";
import { requestPreview } from "@/lib/prompts/preview";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { ProjectHeader } from "../../_components/project-header";
import { FewShotWithoutGold } from "../_components/read-only-prompt";

export const metadata: Metadata = { title: "Request preview" };
export const dynamic = "force-dynamic";

const block = "max-h-96 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3 text-xs whitespace-pre-wrap break-words";

/** The exact request a prompt version sends for one item: what the model reads, nothing paraphrased. */
export default async function PreviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ version?: string; item?: string }>;
}) {
  const { projectId } = await params;
  const { version, item } = await searchParams;
  const { access } = await requirePageProjectAccess(projectId, "LEAD");
  const project = await getProject(access);
  const p = version ? await requestPreview(access, version, item) : null;
  const req = p?.request;
  const system = req && (Array.isArray(req.system) ? req.system : []);
  const content = req && (req.messages[0].content as { type: string; text: string }[]);
  return (
    <>
      <ProjectHeader project={project} role={access.role} current="runs" />
      <div className="space-y-4">
        <Link className="text-sm text-indigo-700 underline" href={`/projects/${projectId}/runs${p ? `?version=${p.version.id}` : ""}`}>
          ← Back to Pre-labeling
        </Link>
        {!p || !req ? (
          <EmptyState title={p ? "No items to preview" : "Pick a prompt version"}>
            {p
              ? "Import items first: the preview shows the request for one of them."
              : "Open a version on the Pre-labeling tab and choose “Preview the request”."}
          </EmptyState>
        ) : (
          <>
            <form method="get" className="flex flex-wrap items-end gap-2">
              <input type="hidden" name="version" value={p.version.id} />
              <label className="text-sm">
                <span className="block text-slate-600">Item id</span>
                <Input name="item" defaultValue={p.item?.externalId} className="mt-1 w-56" />
              </label>
              <Button type="submit" variant="secondary" size="sm">
                Show
              </Button>
              <p className="text-sm text-slate-500">
                Version {p.version.number} · item <strong>{p.item?.externalId}</strong> · {req.model}, up to {req.max_tokens.toLocaleString()} output tokens
                {p.cached ? " · the system prompt and tool are cached between items" : ""}
              </p>
            </form>
            {p.fewShotWithoutGold && <FewShotWithoutGold />}
            <Card title="System">
              {system!.map((s, i) => (
                <pre key={i} className={block} tabIndex={0} data-testid="preview-system">
                  {s.text}
                </pre>
              ))}
            </Card>
            <Card title="User message (examples, then the item)">
              <div className="space-y-2">
                {content!.map((c, i) => (
                  <pre key={i} className={block} tabIndex={0} data-testid="preview-user">
                    {c.text}
                  </pre>
                ))}
              </div>
            </Card>
            <Card title="Tool the answer must call">
              <pre className={block} tabIndex={0}>
                {JSON.stringify({ tools: req.tools, tool_choice: req.tool_choice }, null, 2)}
              </pre>
            </Card>
          </>
        )}
      </div>
    </>
  );
}
