import type { Metadata } from "next";
import Link from "next/link";
import { requirePageCaller } from "@/lib/auth/page-access";
import { mayCreateProjects } from "@/lib/instance/settings";
import { listProjectsForUser } from "@/lib/projects/queries";
import { taskTypeDef } from "@/lib/task-types";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadDemoButton } from "./_components/load-demo-button";

export const metadata: Metadata = { title: "Projects" };
export const dynamic = "force-dynamic";

const fmt = (n: number) => n.toLocaleString("en-US");

export default async function ProjectsPage({ searchParams }: { searchParams: Promise<{ archived?: string }> }) {
  const { caller } = await requirePageCaller();
  const archived = (await searchParams).archived === "1";
  const [projects, canCreate] = await Promise.all([listProjectsForUser(caller, { archived }), mayCreateProjects(caller)]);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">{archived ? "Archived projects" : "Projects"}</h1>
        <div className="flex gap-2">
          <ButtonLink variant="ghost" href={archived ? "/projects" : "/projects?archived=1"}>
            {archived ? "Active projects" : "Archived"}
          </ButtonLink>
          {canCreate && <ButtonLink href="/projects/new">New project</ButtonLink>}
        </div>
      </div>
      {projects.length === 0 ? (
        archived ? (
          <EmptyState title="No archived projects" />
        ) : canCreate ? (
          <EmptyState
            title="No projects yet"
            actions={
              <>
                <ButtonLink href="/projects/new">Create a project</ButtonLink>
                <LoadDemoButton />
              </>
            }
          >
            Create a labeling project with your own labels, or load a demo: 300 real e-mails from the SpamAssassin corpus, to label as spam or ham.
          </EmptyState>
        ) : (
          <EmptyState title="No projects yet">
            You are not in a project yet. A project lead can invite you to theirs; creating projects is up to this instance&apos;s admins.
          </EmptyState>
        )
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {projects.map((p) => (
            <li key={p.id}>
              <Link href={`/projects/${p.id}`} className="block rounded-lg border border-slate-200 bg-white p-5 shadow-sm hover:border-indigo-300">
                <div className="flex items-start justify-between gap-3">
                  <h2 className="font-semibold">{p.name}</h2>
                  <Badge tone={p.role === "LEAD" ? "indigo" : "slate"}>{p.role === "LEAD" ? "Lead" : "Annotator"}</Badge>
                </div>
                <p className="mt-1 text-xs text-slate-500">{taskTypeDef(p.taskType).title}</p>
                {p.description && <p className="mt-2 line-clamp-2 text-sm text-slate-600">{p.description}</p>}
                <dl className="mt-4 grid grid-cols-3 gap-2 text-center">
                  {[
                    ["Items", p.counts.total],
                    ["Pre-labeled", p.counts.prelabeled],
                    ["Reviewed", p.counts.reviewed],
                  ].map(([label, n]) => (
                    <div key={label} className="rounded bg-slate-50 py-2">
                      <dt className="text-xs text-slate-500">{label}</dt>
                      <dd className="font-semibold tabular-nums">{fmt(Number(n))}</dd>
                    </div>
                  ))}
                </dl>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
