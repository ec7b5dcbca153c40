"use client";
// Import history with live progress: polls while any import is waiting or running.
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";

type ImportRow = {
  id: string;
  fileName: string;
  format: string;
  status: "QUEUED" | "RUNNING" | "DONE" | "FAILED" | "CANCELLED";
  fileBytes: number;
  bytesRead: number;
  progress: number;
  rowsTotal: number;
  rowsInserted: number;
  rowsExisting: number;
  rowsFailed: number;
  labelsWritten: number;
  labelsKept: number;
  labelsDropped: number;
  error: string | null;
  createdAt: string;
};
type ErrorRow = { line: number; field: string | null; reason: string; excerpt: string };

const TONE = { QUEUED: "slate", RUNNING: "indigo", DONE: "green", FAILED: "red", CANCELLED: "amber" } as const;
const NAME = { QUEUED: "Waiting", RUNNING: "Importing", DONE: "Done", FAILED: "Failed", CANCELLED: "Cancelled" } as const;
const n = (x: number) => x.toLocaleString("en-US");

/** A finished import's badge follows its outcome: "Done" only when rows were added (or were already there). */
function outcome(imp: ImportRow): { tone: (typeof TONE)[keyof typeof TONE]; name: string } {
  if (imp.status !== "DONE") return { tone: TONE[imp.status], name: NAME[imp.status] };
  const read = imp.rowsInserted + imp.rowsExisting + imp.rowsFailed;
  if (imp.rowsInserted + imp.rowsExisting === 0) return { tone: "red", name: read ? `${n(imp.rowsFailed)} of ${n(read)} rows rejected` : "No rows found" };
  if (imp.rowsFailed > 0) return { tone: "amber", name: `Done, ${n(imp.rowsFailed)} rejected` };
  return { tone: "green", name: "Done" };
}

export function ImportList({ projectId, initial }: { projectId: string; initial: ImportRow[] }) {
  const [imports, setImports] = useState(initial);
  const [open, setOpen] = useState<string | null>(initial.find((i) => i.rowsFailed > 0)?.id ?? null);
  const router = useRouter();
  const toast = useToast();
  // A server refresh (router.refresh after an upload) brings a new list: take it over.
  const [seenInitial, setSeenInitial] = useState(initial);
  if (seenInitial !== initial) {
    setSeenInitial(initial);
    setImports(initial);
    // A small import can finish before the page refreshes: open its rejected rows all the same.
    setOpen((o) => o ?? initial.find((i) => i.rowsFailed > 0)?.id ?? null);
  }
  const active = imports.some((i) => i.status === "QUEUED" || i.status === "RUNNING");

  useEffect(() => {
    if (!active) return;
    const timer = setInterval(async () => {
      const res = await fetch(`/api/v1/projects/${projectId}/imports`, { cache: "no-store" });
      if (!res.ok) return;
      const next: ImportRow[] = (await res.json()).imports;
      setImports(next);
      if (!next.some((i) => i.status === "QUEUED" || i.status === "RUNNING")) {
        router.refresh(); // counts elsewhere on the page
        const withErrors = next.find((i) => i.rowsFailed > 0);
        if (withErrors) setOpen((o) => o ?? withErrors.id);
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [active, projectId, router]);

  const cancel = async (importId: string) => {
    const res = await fetch(`/api/v1/projects/${projectId}/imports/${importId}/cancel`, { method: "POST" });
    if (!res.ok) toast((await res.json().catch(() => ({})))?.error?.message ?? "The import could not be cancelled.", "error");
    router.refresh();
  };

  if (!imports.length) return <EmptyState title="No imports yet">Upload a file on the left; its progress and any bad rows will show here.</EmptyState>;

  return (
    <ul className="space-y-4" aria-label="Imports">
      {imports.map((imp) => (
        <li key={imp.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="import">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <div className="min-w-0">
              <p className="truncate font-medium">{imp.fileName}</p>
              <p className="text-xs text-slate-500">
                {imp.format} · {new Date(imp.createdAt).toLocaleString()}
              </p>
            </div>
            <Badge tone={outcome(imp).tone}>{outcome(imp).name}</Badge>
          </div>
          {(imp.status === "RUNNING" || imp.status === "QUEUED") && (
            <div className="mt-3 flex items-center gap-3">
              <ProgressBar className="flex-1" value={imp.progress} label={`${n(imp.rowsTotal)} rows read`} />
              <Button variant="secondary" size="sm" onClick={() => void cancel(imp.id)}>
                Cancel
              </Button>
            </div>
          )}
          {imp.status === "CANCELLED" && (
            <p className="mt-2 text-sm text-slate-600">
              Cancelled: the rows written before stay. Upload the file again to import the rest (rows already imported are skipped).
            </p>
          )}
          {imp.error && <p className="mt-2 text-sm text-red-700">{imp.error}</p>}
          {imp.status !== "QUEUED" && (
            <p className="mt-2 text-sm text-slate-700" data-testid="import-summary">
              <strong>{n(imp.rowsInserted)}</strong> added
              {imp.rowsExisting > 0 && <>, {n(imp.rowsExisting)} already present</>}
              {imp.rowsFailed > 0 && (
                <>
                  , <strong className="text-red-700">{n(imp.rowsFailed)} rejected</strong>
                </>
              )}
              {imp.labelsWritten > 0 && <>; {n(imp.labelsWritten)} labels and predictions imported</>}
              {imp.labelsKept > 0 && <> ({n(imp.labelsKept)} not made gold: people had already reviewed those items)</>}
              {imp.labelsDropped > 0 && (
                <>
                  ; <strong className="text-amber-800">{n(imp.labelsDropped)} annotations or predictions left out</strong> (labels the project does not have;
                  listed below)
                </>
              )}
            </p>
          )}
          {imp.status === "DONE" && imp.rowsInserted > 0 && (
            <p className="mt-2 text-sm" data-testid="import-next">
              Next:{" "}
              <Link className="text-indigo-700 underline" href={`/projects/${projectId}/runs`}>
                pre-label these items with Claude
              </Link>
              , then review them.
            </p>
          )}
          {imp.rowsFailed + imp.labelsDropped > 0 && (
            <div className="mt-2">
              <Button variant="ghost" size="sm" aria-expanded={open === imp.id} onClick={() => setOpen(open === imp.id ? null : imp.id)}>
                {open === imp.id ? "Hide what was left out" : imp.rowsFailed ? "Show rejected rows" : "Show what was left out"}
              </Button>
              <a
                className="ml-2 text-sm text-indigo-700 underline"
                href={`/api/v1/projects/${projectId}/imports/${imp.id}/errors/download`}
                download
                data-testid="rejected-download"
              >
                Download rejected rows (CSV)
              </a>
              {open === imp.id && <ImportErrors projectId={projectId} importId={imp.id} total={imp.rowsFailed + imp.labelsDropped} />}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

function ImportErrors({ projectId, importId, total }: { projectId: string; importId: string; total: number }) {
  const [rows, setRows] = useState<ErrorRow[] | null>(null);
  const [more, setMore] = useState(false);
  const fetchPage = async (afterLine?: number): Promise<ErrorRow[]> => {
    const q = afterLine === undefined ? "" : `?afterLine=${afterLine}`;
    const res = await fetch(`/api/v1/projects/${projectId}/imports/${importId}/errors${q}`);
    return res.ok ? (await res.json()).errors : [];
  };
  const loadMore = async () => {
    const page = await fetchPage(rows?.[rows.length - 1]?.line);
    setRows((r) => [...(r ?? []), ...page]);
    setMore(page.length === 100);
  };
  useEffect(() => {
    let cancelled = false;
    fetch(`/api/v1/projects/${projectId}/imports/${importId}/errors`)
      .then((res) => (res.ok ? res.json() : { errors: [] }))
      .then((body: { errors: ErrorRow[] }) => {
        if (cancelled) return;
        setRows(body.errors);
        setMore(body.errors.length === 100);
      });
    return () => {
      cancelled = true;
    };
  }, [projectId, importId]);
  if (!rows) return <p className="mt-2 text-sm text-slate-500">Loading…</p>;
  return (
    <div className="mt-2 max-h-[28rem] space-y-2 overflow-auto">
      <Table aria-label="Rejected rows">
        <THead>
          <tr>
            <Th className="w-16">Line</Th>
            <Th>Reason</Th>
            <Th>Content</Th>
          </tr>
        </THead>
        <TBody>
          {rows.map((r, i) => (
            <Tr key={`${r.line}-${i}`}>
              <Td className="font-mono tabular-nums">{r.line || "–"}</Td>
              <Td>
                {r.reason}
                {r.field && <span className="ml-1 text-xs text-slate-500">({r.field})</span>}
              </Td>
              <Td className="max-w-xs truncate font-mono text-xs text-slate-500">{r.excerpt}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      {more && (
        <Button variant="secondary" size="sm" onClick={loadMore}>
          Show more
        </Button>
      )}
      {rows.length < total && !more && (
        <p className="text-xs text-slate-500">
          The first {n(rows.length)} rejected rows are kept; {n(total)} were rejected in all.
        </p>
      )}
    </div>
  );
}
