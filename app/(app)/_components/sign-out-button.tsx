"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { signOutAction } from "../actions";

/** A form, so signing out is a POST that works before the page's JavaScript has loaded. */
export function SignOutButton() {
  const [, formAction] = useActionState(signOutAction, null);
  return (
    <form action={formAction}>
      <SubmitButton variant="ghost" size="sm" pendingLabel="Signing out…">
        Sign out
      </SubmitButton>
    </form>
  );
}
