import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { NewProjectForm } from "./_components/new-project-form";

export const metadata: Metadata = { title: "New project" };
export const dynamic = "force-dynamic";

export default async function NewProjectPage() {
  await requirePageUser();
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">New project</h1>
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <NewProjectForm />
      </div>
    </div>
  );
}
