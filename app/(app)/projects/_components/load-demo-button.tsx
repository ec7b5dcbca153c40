"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { loadDemoProjectAction } from "../actions";

export function LoadDemoButton() {
  const [pending, setPending] = useState(false);
  const router = useRouter();
  const toast = useToast();
  return (
    <Button
      variant="secondary"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        const res = await loadDemoProjectAction({});
        if (res.ok) router.push(`/projects/${res.data.id}/imports`);
        else {
          setPending(false);
          toast(res.message, "error");
        }
      }}
    >
      {pending ? "Loading demo…" : "Load a demo project"}
    </Button>
  );
}
