import type { Metadata } from "next";
import Link from "next/link";
import { requirePageProjectAccess } from "@/lib/auth/page-access";
import { getProject, listMembers } from "@/lib/projects/queries";
import { ITEM_STATUSES, LEAD_ONLY_FILTERS, itemListQuerySchema, listItems } from "@/lib/items/queries";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { ProjectHeader } from "../_components/project-header";

export const metadata: Metadata = { title: "Items" };
export const dynamic = "force-dynamic";

const STATUS_TONE = { NEW: "slate", PRELABELED: "indigo", REVIEWED: "green" } as const;
const STATUS_NAME = { NEW: "New", PRELABELED: "Pre-labeled", REVIEWED: "Reviewed" } as const;

export default async function ItemsPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<Record<string, string>> }) {
  const { projectId } = await params;
  const { access } = await requirePageProjectAccess(projectId);
  const lead = access.role === "LEAD";
  // A hand-edited address with a bad filter shows the list unfiltered, with a note, never an error page.
  const parsed = itemListQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : {};
  // Gold, disagreement and who reviewed what are for leads: annotators review independently.
  for (const f of LEAD_ONLY_FILTERS) if (!lead) delete (query as Record<string, unknown>)[f];
  const [project, page, members] = await Promise.all([getProject(access), listItems(access, query), lead ? listMembers(access) : []]);
  const base = `/projects/${projectId}/items`;
  const link = (cursor: Record<string, number>) => {
    const sp = new URLSearchParams();
    for (const k of ["status", "q", "gold", "disagree", "annotator"] as const) if (query[k]) sp.set(k, String(query[k]));
    for (const [k, v] of Object.entries(cursor)) sp.set(k, String(v));
    return `${base}?${sp}`;
  };
  const filtered = Boolean(query.status || query.q || query.gold || query.disagree || query.annotator);
  return (
    <>
      <ProjectHeader project={project} role={access.role} current="items" />
      {!parsed.success && <p role="alert" className="mb-3 text-sm text-amber-800">Part of this address was not a valid filter, so the list is shown without it.</p>}
      <form method="get" action={base} className="mb-4 flex flex-wrap items-end gap-3" role="search">
        <div className="min-w-64 flex-1">
          <label htmlFor="q" className="mb-1 block text-xs font-medium text-slate-600">
            Search text
          </label>
          <Input id="q" name="q" defaultValue={query.q} placeholder="Every word must appear, in any order" />
        </div>
        <div>
          <label htmlFor="status" className="mb-1 block text-xs font-medium text-slate-600">
            Status
          </label>
          <Select id="status" name="status" defaultValue={query.status ?? ""}>
            <option value="">All</option>
            {ITEM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_NAME[s]}
              </option>
            ))}
          </Select>
        </div>
        {lead && (
        <>
        <div>
          <label htmlFor="gold" className="mb-1 block text-xs font-medium text-slate-600">
            Gold
          </label>
          <Select id="gold" name="gold" defaultValue={query.gold ?? ""}>
            <option value="">Any</option>
            <option value="yes">Has gold</option>
            <option value="no">No gold yet</option>
          </Select>
        </div>
        <div>
          <label htmlFor="annotator" className="mb-1 block text-xs font-medium text-slate-600">
            Reviewed by
          </label>
          <Select id="annotator" name="annotator" defaultValue={query.annotator ?? ""}>
            <option value="">Anyone</option>
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.user.name}
              </option>
            ))}
          </Select>
        </div>
        <label className="flex items-center gap-2 pb-2 text-sm text-slate-700">
          <input type="checkbox" name="disagree" value="1" defaultChecked={Boolean(query.disagree)} className="h-4 w-4" />
          LLM disagreed with gold
        </label>
        </>
        )}
        <Button type="submit" variant="secondary">
          Apply
        </Button>
        {filtered && (
          <ButtonLink variant="ghost" href={base}>
            Clear
          </ButtonLink>
        )}
      </form>

      {page.items.length === 0 ? (
        filtered ? (
          <EmptyState title="No items match">Try other words, or clear the filter.</EmptyState>
        ) : (
          <EmptyState
            title="No items yet"
            actions={access.role === "LEAD" ? <ButtonLink href={`/projects/${projectId}/imports`}>Import items</ButtonLink> : undefined}
          >
            {access.role === "LEAD" ? "Import a CSV, JSONL or JSON file to add items." : "The project lead has not imported items yet."}
          </EmptyState>
        )
      ) : (
        <>
          <Table>
            <THead>
              <tr>
                <Th className="w-40">ID</Th>
                <Th>Text</Th>
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
                  </Td>
                  {/* Item text is untrusted: React renders it as text, never as HTML. */}
                  <Td className="max-w-xl">
                    <p className="line-clamp-2 text-slate-700">{item.preview.replace(/\s+/g, " ")}</p>
                    {item.textLength > item.preview.length && <span className="text-xs text-slate-400">{item.textLength.toLocaleString("en-US")} characters</span>}
                  </Td>
                  <Td>
                    <Badge tone={STATUS_TONE[item.status]}>{STATUS_NAME[item.status]}</Badge>
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
          <nav aria-label="Pages" className="mt-4 flex justify-between">
            {page.prevBefore ? <ButtonLink variant="secondary" href={link({ before: page.prevBefore })}>← Previous</ButtonLink> : <span />}
            {page.nextAfter ? <ButtonLink variant="secondary" href={link({ after: page.nextAfter })}>Next →</ButtonLink> : <span />}
          </nav>
        </>
      )}
    </>
  );
}
