import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { instanceHasUsers } from "@/lib/users/queries";
import { AccountForm } from "@/components/account-form";
import { createFirstAdminAction } from "./actions";

export const metadata: Metadata = { title: "Set up" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  if (await instanceHasUsers()) redirect("/sign-in");
  return (
    <>
      <h1 className="text-lg font-semibold">Welcome to Goldset</h1>
      <p className="mt-1 mb-4 text-sm text-slate-600">Create the first account. It becomes the instance admin; everyone else joins by invitation.</p>
      <AccountForm action={createFirstAdminAction} submitLabel="Create admin account" askEmail />
    </>
  );
}
