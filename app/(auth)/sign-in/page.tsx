import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { instanceHasUsers } from "@/lib/users/queries";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (!(await instanceHasUsers())) redirect("/setup");
  if (await getSessionUser()) redirect("/projects");
  const { callbackUrl } = await searchParams;
  // Only same-site paths: an open redirect would let a link send people elsewhere after sign-in.
  const next = callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/projects";
  return (
    <>
      <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
      <SignInForm next={next} />
      <p className="mt-4 text-xs text-slate-500">No account? Ask an admin or a project lead for an invitation link.</p>
    </>
  );
}
