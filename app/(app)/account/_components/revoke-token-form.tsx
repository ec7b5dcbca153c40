"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { revokeTokenAction } from "../actions";

export function RevokeTokenForm({ tokenId, name }: { tokenId: string; name: string }) {
  const [state, action] = useActionState(revokeTokenAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <SubmitButton variant="danger" size="sm" aria-label={`Revoke ${name}`} pendingLabel="Revoking…">
        Revoke
      </SubmitButton>
      {state && !state.ok && (
        <p role="alert" className="mt-1 text-xs text-red-600">
          {state.message}
        </p>
      )}
    </form>
  );
}
