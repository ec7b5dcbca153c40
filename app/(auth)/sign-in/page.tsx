import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { instanceHasUsers } from "@/lib/users/queries";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  if (!(await instanceHasUsers())) redirect("/setup");
  const { callbackUrl } = await searchParams;
  // Only pages of this app: an open redirect would let a link send people elsewhere after sign-in.
  const next = safeNextPath(typeof callbackUrl === "string" ? callbackUrl : undefined);
  if (await getSessionUser()) redirect(next);
  return (
    <>
      <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
      <SignInForm next={next} />
      <p className="mt-4 text-xs text-slate-500">No account? Ask an admin or a project lead for an invitation link.</p>
    </>
  );
}
