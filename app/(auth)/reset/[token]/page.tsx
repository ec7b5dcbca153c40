import type { Metadata } from "next";
import Link from "next/link";
import { viewPasswordReset } from "@/lib/users/password-reset";
import { ResetForm } from "./_components/reset-form";

export const metadata: Metadata = { title: "Set a new password" };
export const dynamic = "force-dynamic";

export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const reset = await viewPasswordReset(token);
  if (reset.state !== "valid") {
    const text = {
      invalid: "This link is not valid. Check that you copied all of it.",
      used: "This link was already used. Sign in with the password you set, or ask your admin for a new link.",
      expired: "This link has expired or was replaced by a newer one. Ask your admin for a new link.",
    }[reset.state];
    return (
      <>
        <h1 className="mb-2 text-lg font-semibold">Set a new password</h1>
        <p className="text-sm text-slate-700">{text}</p>
        <Link href="/sign-in" className="mt-4 inline-block text-sm text-indigo-700 underline">
          Go to sign-in
        </Link>
      </>
    );
  }
  return (
    <>
      <h1 className="text-lg font-semibold">Set a new password</h1>
      <p className="mt-1 mb-4 text-sm text-slate-600">
        For <span className="font-medium">{reset.email}</span>. Setting it signs you out everywhere else.
      </p>
      <ResetForm token={token} />
    </>
  );
}
