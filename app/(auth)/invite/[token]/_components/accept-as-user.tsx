"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { acceptAsUserAction } from "../actions";

export function AcceptAsUser({ token, signedInAs, invitedEmail }: { token: string; signedInAs: string; invitedEmail: string }) {
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  if (signedInAs !== invitedEmail) {
    return <FormError message={`This invitation is for ${invitedEmail}, but you are signed in as ${signedInAs}. Sign out and sign in with that account.`} />;
  }
  return (
    <div className="space-y-3">
      <FormError message={error} />
      <Button
        disabled={pending}
        onClick={async () => {
          setPending(true);
          const res = await acceptAsUserAction(token);
          if (res.ok) window.location.assign(res.data.projectId ? `/projects/${res.data.projectId}` : "/projects");
          else {
            setPending(false);
            setError(res.message);
          }
        }}
      >
        Accept invitation
      </Button>
    </div>
  );
}
