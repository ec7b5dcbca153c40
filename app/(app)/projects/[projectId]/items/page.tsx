import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { requirePageProjectAccess } from "@/lib/auth/page-access";
import { getProject, listMembers } from "@/lib/projects/queries";
import { listImports } from "@/lib/imports/queries";
import { ITEM_FILTERS, ITEM_STATUSES, LEAD_ONLY_FILTERS, itemListQuerySchema, listItems, type ItemListPage, type ItemListQuery } from "@/lib/items/queries";
import { listPromptVersions } from "@/lib/prompts/queries";
import { describeValue } from "@/lib/values/value";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Highlight } from "@/components/ui/highlight";
import { Input, Select } from "@/components/ui/field";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { ProjectHeader } from "../_components/project-header";

export const metadata: Metadata = { title: "Items" };
export const dynamic = "force-dynamic";

const STATUS_TONE = { NEW: "slate", PRELABELED: "indigo", REVIEWED: "green" } as const;
const STATUS_NAME = { NEW: "New", PRELABELED: "Pre-labeled", REVIEWED: "Reviewed" } as const;
const Label = ({ htmlFor, children }: { htmlFor: string; children: string }) => (
  <label htmlFor={htmlFor} className="mb-1 block text-xs font-medium text-slate-600">
    {children}
  </label>
);

export default async function ItemsPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<Record<string, string>> }) {
  const { projectId } = await params;
  const { access } = await requirePageProjectAccess(projectId);
  const lead = access.role === "LEAD";
  // A hand-edited address with a bad filter shows the list unfiltered, with a note, never an error page.
  const parsed = itemListQuerySchema.safeParse(await searchParams);
  const query: ItemListQuery = parsed.success ? parsed.data : {};
  // Gold, suggestions, reviewers and metadata are for leads: annotators review independently.
  for (const f of LEAD_ONLY_FILTERS) if (!lead) delete (query as Record<string, unknown>)[f];
  const [project, page, members, versions, imports] = await Promise.all([
    getProject(access),
    listItems(access, query),
    lead ? listMembers(access) : [],
    lead ? listPromptVersions(access) : [],
    lead ? listImports(access) : [],
  ]);
  const base = `/projects/${projectId}/items`;
  const link = (cursor: Record<string, number>) => {
    const sp = new URLSearchParams();
    for (const k of ITEM_FILTERS) if (query[k] !== undefined) sp.set(k, String(query[k]));
    for (const [k, v] of Object.entries(cursor)) sp.set(k, String(v));
    return `${base}?${sp}`;
  };
  const filtered = ITEM_FILTERS.some((k) => query[k] !== undefined);
  const leadFiltered = LEAD_ONLY_FILTERS.some((k) => query[k] !== undefined);
  const labels = project.labels.map((l) => l.name);
  return (
    <>
      <ProjectHeader project={project} role={access.role} current="items" />
      {!parsed.success && (
        <p role="alert" className="mb-3 text-sm text-amber-800">
          Part of this address was not a valid filter, so the list is shown without it.
        </p>
      )}
      <form method="get" action={base} className="mb-4 space-y-3" role="search">
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-64 flex-1">
            <Label htmlFor="q">Search text or an item id</Label>
            <Input id="q" name="q" defaultValue={query.q} placeholder="Every word must appear, in any order" />
          </div>
          <div>
            <Label htmlFor="status">Status</Label>
            <Select id="status" name="status" defaultValue={query.status ?? ""}>
              <option value="">All</option>
              {ITEM_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_NAME[s]}
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" variant="secondary">
            Apply
          </Button>
          {filtered && (
            <ButtonLink variant="ghost" href={base}>
              Clear
            </ButtonLink>
          )}
        </div>
        {lead && (
          <details open={leadFiltered} className="rounded-md border border-slate-200 bg-white p-3">
            <summary className="cursor-pointer text-sm font-medium text-slate-700">More filters: gold, suggestions, reviewers, origin, metadata</summary>
            <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
              <div>
                <Label htmlFor="goldLabel">Gold label</Label>
                <LabelSelect id="goldLabel" labels={labels} value={query.goldLabel} />
              </div>
              <div>
                <Label htmlFor="suggested">Suggested label</Label>
                <LabelSelect id="suggested" labels={labels} value={query.suggested} />
              </div>
              <div className="flex gap-2">
                <div>
                  <Label htmlFor="minConf">Confidence from %</Label>
                  <Input id="minConf" name="minConf" type="number" min={0} max={100} defaultValue={query.minConf} className="w-24" />
                </div>
                <div>
                  <Label htmlFor="maxConf">to %</Label>
                  <Input id="maxConf" name="maxConf" type="number" min={0} max={100} defaultValue={query.maxConf} className="w-24" />
                </div>
              </div>
              <div>
                <Label htmlFor="version">Labeled by prompt version</Label>
                <Select id="version" name="version" defaultValue={query.version ?? ""}>
                  <option value="">Any</option>
                  {versions.map((v) => (
                    <option key={v.id} value={v.number}>
                      v{v.number} · {v.modelId}
                    </option>
                  ))}
                </Select>
              </div>
              <div>
                <Label htmlFor="gold">Gold</Label>
                <Select id="gold" name="gold" defaultValue={query.gold ?? ""}>
                  <option value="">Any</option>
                  <option value="yes">Has gold</option>
                  <option value="no">No gold yet</option>
                </Select>
              </div>
              <div>
                <Label htmlFor="annotator">Reviewed by</Label>
                <Select id="annotator" name="annotator" defaultValue={query.annotator ?? ""}>
                  <option value="">Anyone</option>
                  {members.map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {m.user.name}
                    </option>
                  ))}
                </Select>
              </div>
              <div>
                <Label htmlFor="origin">From import</Label>
                <Select id="origin" name="origin" defaultValue={query.origin ?? ""}>
                  <option value="">Any</option>
                  {imports.map((i) => (
                    <option key={i.id} value={i.id}>
                      {i.fileName}
                    </option>
                  ))}
                </Select>
              </div>
              <div>
                <Label htmlFor="synthetic">Origin</Label>
                <Select id="synthetic" name="synthetic" defaultValue={query.synthetic ?? ""}>
                  <option value="">Real and synthetic</option>
                  <option value="no">Real (imported)</option>
                  <option value="yes">Synthetic (written by Claude)</option>
                </Select>
              </div>
              <div>
                <Label htmlFor="meta">Metadata field:value</Label>
                <Input id="meta" name="meta" defaultValue={query.meta} placeholder="source:web" />
              </div>
              <label className="flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" name="disagree" value="1" defaultChecked={Boolean(query.disagree)} className="h-4 w-4" />
                The suggestion differs from the gold
              </label>
            </div>
          </details>
        )}
      </form>
      {page.idMatch && (
        <p className="mb-3 text-sm">
          An item has this id:{" "}
          <Link className="font-mono text-indigo-700 underline" href={`${base}/${page.idMatch.id}`}>
            {page.idMatch.externalId}
          </Link>
        </p>
      )}
      <ItemList page={page} lead={lead} base={base} link={link} filtered={filtered} projectId={projectId} />
    </>
  );
}

function LabelSelect({ id, labels, value }: { id: string; labels: string[]; value: string | undefined }) {
  return (
    <Select id={id} name={id} defaultValue={value ?? ""}>
      <option value="">Any</option>
      {labels.map((l) => (
        <option key={l}>{l}</option>
      ))}
    </Select>
  );
}

async function Total({ total, filtered }: { total: ItemListPage["total"]; filtered: boolean }) {
  const { n, capped } = await total;
  return (
    <>
      {capped ? `More than ${n.toLocaleString("en-US")}` : n.toLocaleString("en-US")} item{n === 1 && !capped ? "" : "s"}
      {filtered ? " match" : ""}
    </>
  );
}

function ItemList(p: { page: ItemListPage; lead: boolean; base: string; link: (c: Record<string, number>) => string; filtered: boolean; projectId: string }) {
  const { page, lead, base } = p;
  if (!page.items.length) {
    return p.filtered ? (
      <EmptyState title="No items match">Try other words, or clear the filter.</EmptyState>
    ) : (
      <EmptyState title="No items yet" actions={lead ? <ButtonLink href={`/projects/${p.projectId}/imports`}>Import items</ButtonLink> : undefined}>
        {lead ? "Import a CSV, JSONL or JSON file to add items." : "The project lead has not imported items yet."}
      </EmptyState>
    );
  }
  return (
    <>
      <p className="mb-2 text-sm text-slate-600" data-testid="items-total" aria-live="polite">
        <Suspense fallback="Counting…">
          <Total total={page.total} filtered={p.filtered} />
        </Suspense>
      </p>
      <div className="overflow-x-auto">
        <Table>
          <THead>
            <tr>
              <Th className="w-36">ID</Th>
              <Th>Text</Th>
              {lead && (
                <>
                  <Th className="w-36">Suggestion</Th>
                  <Th className="w-28">Gold</Th>
                  <Th className="w-24">Reviews</Th>
                </>
              )}
              <Th className="w-28">Status</Th>
            </tr>
          </THead>
          <TBody>
            {page.items.map((item) => (
              <Tr key={item.id}>
                <Td className="font-mono text-xs break-all">
                  <Link className="text-indigo-700 hover:underline" href={`${base}/${item.id}`}>
                    {item.externalId}
                  </Link>
                  {item.review?.origin === "SYNTHETIC" && (
                    <span className="block font-sans text-amber-700">{item.review.rejected ? "synthetic, rejected" : "synthetic"}</span>
                  )}
                </Td>
                {/* Item text is untrusted: React renders it as text, never as HTML. */}
                <Td className="max-w-xl">
                  <p className="line-clamp-2 text-slate-700">
                    <Highlight text={item.preview.replace(/\s+/g, " ")} words={page.words} />
                  </p>
                  {item.textLength > item.preview.length && (
                    <span className="text-xs text-slate-500">{item.textLength.toLocaleString("en-US")} characters</span>
                  )}
                </Td>
                {lead && <ReviewCells review={item.review} />}
                <Td>
                  <Badge tone={STATUS_TONE[item.status]}>{STATUS_NAME[item.status]}</Badge>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </div>
      <nav aria-label="Pages" className="mt-4 flex justify-between">
        {page.prevBefore ? (
          <ButtonLink variant="secondary" href={p.link({ before: page.prevBefore })}>
            ← Previous
          </ButtonLink>
        ) : (
          <span />
        )}
        {page.nextAfter ? (
          <ButtonLink variant="secondary" href={p.link({ after: page.nextAfter })}>
            Next →
          </ButtonLink>
        ) : (
          <span />
        )}
      </nav>
    </>
  );
}

function ReviewCells({ review }: { review: ItemListPage["items"][number]["review"] }) {
  const s = review?.suggestion;
  return (
    <>
      <Td className="text-sm">
        {s ? (
          <>
            <span className="font-medium">{describeValue(s.value)}</span>
            <span className="block text-xs text-slate-500">
              {s.confidence === null ? "" : `${Math.round(s.confidence * 100)}% · `}v{s.version}
            </span>
          </>
        ) : (
          <span className="text-slate-500">—</span>
        )}
      </Td>
      <Td className="text-sm">
        {review?.gold ? (
          <>
            <span className="font-medium">{describeValue(review.gold)}</span>
            {review.goldSource === "AUTO" && <span className="block text-xs text-amber-700">auto-accepted</span>}
            {review.goldSource === "IMPORTED" && <span className="block text-xs text-slate-500">imported</span>}
          </>
        ) : (
          <span className="text-slate-500">—</span>
        )}
      </Td>
      <Td className="text-sm">
        {review?.decisions ? (
          <>
            {review.decisions}
            {review.decisions > 1 && review.agreement !== null && (
              <span className="block text-xs text-slate-500">{Math.round(review.agreement * 100)}% agree</span>
            )}
          </>
        ) : (
          <span className="text-slate-500">—</span>
        )}
      </Td>
    </>
  );
}
