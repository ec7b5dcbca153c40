"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { setArchivedAction } from "../actions";

export function ArchiveButton({ projectId, archived }: { projectId: string; archived: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const router = useRouter();
  const toast = useToast();
  const apply = async () => {
    const res = await setArchivedAction(projectId, { archived: !archived });
    setConfirming(false);
    if (!res.ok) return toast(res.message, "error");
    toast(archived ? "Project restored." : "Project archived.");
    router.refresh();
  };
  if (archived)
    return (
      <Button variant="secondary" onClick={apply}>
        Restore project
      </Button>
    );
  return (
    <>
      <Button variant="danger" onClick={() => setConfirming(true)}>
        Archive project
      </Button>
      <Dialog open={confirming} onClose={() => setConfirming(false)} title="Archive this project?">
        <p className="text-sm text-slate-600">It disappears from everyone&apos;s project list until a lead restores it.</p>
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
          <Button variant="danger" onClick={apply} autoFocus>
            Archive
          </Button>
        </div>
      </Dialog>
    </>
  );
}
