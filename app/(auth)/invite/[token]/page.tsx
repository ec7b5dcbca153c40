import type { Metadata } from "next";
import Link from "next/link";
import { getSessionUser } from "@/lib/auth/session";
import { viewInvitation } from "@/lib/invitations/queries";
import { AccountForm } from "@/components/account-form";
import { acceptWithNewAccountAction } from "./actions";
import { AcceptAsUser } from "./_components/accept-as-user";

export const metadata: Metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const inv = await viewInvitation(token);
  if (inv.state !== "valid") {
    const text = {
      invalid: "This invitation link is not valid. Check that you copied all of it.",
      used: "This invitation link was already used. Sign in, or ask for a new link.",
      expired: "This invitation link has expired. Ask the person who invited you for a new one.",
    }[inv.state];
    return (
      <>
        <h1 className="mb-2 text-lg font-semibold">Invitation</h1>
        <p className="text-sm text-slate-700">{text}</p>
        <Link href="/sign-in" className="mt-4 inline-block text-sm text-indigo-700 underline">
          Go to sign-in
        </Link>
      </>
    );
  }
  const user = await getSessionUser();
  const what = inv.projectName ? (
    <>
      the project <span className="font-medium">{inv.projectName}</span> as {inv.role === "LEAD" ? "a lead" : "an annotator"}
    </>
  ) : (
    "Goldset"
  );
  return (
    <>
      <h1 className="text-lg font-semibold">You are invited</h1>
      <p className="mt-1 mb-4 text-sm text-slate-600">You have been invited to join {what}.</p>
      {user ? (
        <AcceptAsUser token={token} signedInAs={user.email} invitedEmail={inv.email} />
      ) : inv.hasAccount ? (
        <p className="text-sm">
          An account for {inv.email} exists.{" "}
          <Link className="text-indigo-700 underline" href={`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}>
            Sign in
          </Link>{" "}
          to accept.
        </p>
      ) : (
        <AccountForm action={acceptWithNewAccountAction} hidden={{ token }} submitLabel="Create account and join" fixedEmail={inv.email} />
      )}
    </>
  );
}
