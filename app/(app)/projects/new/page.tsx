import type { Metadata } from "next";
import { requirePageCaller } from "@/lib/auth/page-access";
import { mayCreateProjects } from "@/lib/instance/settings";
import { EmptyState } from "@/components/ui/empty-state";
import { NewProjectForm } from "./_components/new-project-form";
import { LoadDemoButton } from "../_components/load-demo-button";

export const metadata: Metadata = { title: "New project" };
export const dynamic = "force-dynamic";

export default async function NewProjectPage() {
  const { caller } = await requirePageCaller();
  if (!(await mayCreateProjects(caller))) {
    return (
      <EmptyState title="You cannot create projects here">
        On this instance, projects are created by its admins (and, if they allow it, by people who already lead one). Ask an admin, or a lead to invite you to
        their project.
      </EmptyState>
    );
  }
  return (
    <div className="max-w-3xl space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">New project</h1>
        <LoadDemoButton />
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <NewProjectForm />
      </div>
    </div>
  );
}
