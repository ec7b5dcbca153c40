"use client";
// An unexpected error in a page of the app: said plainly, with a retry and the way back. The
// details stay in the server log; the digest lets an admin find them there.
import { useEffect } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <EmptyState
      title="Something went wrong on our side"
      actions={
        <>
          <Button onClick={reset}>Try again</Button>
          <ButtonLink variant="secondary" href="/projects">
            Back to your projects
          </ButtonLink>
        </>
      }
    >
      Nothing you entered was lost by this page failing to show. If it keeps happening, give your admin this reference: <code>{error.digest ?? "none"}</code>.
    </EmptyState>
  );
}
