"use client";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { changeRoleAction, removeMemberAction } from "../actions";

export function MemberActions({ projectId, memberId, role, name }: { projectId: string; memberId: string; role: "LEAD" | "ANNOTATOR"; name: string }) {
  const router = useRouter();
  const toast = useToast();
  const run = async (p: Promise<{ ok: boolean; message?: string }>, done: string) => {
    const res = await p;
    if (!res.ok) toast(res.message ?? "Failed.", "error");
    else {
      toast(done);
      router.refresh();
    }
  };
  return (
    <div className="flex gap-1">
      <Button
        size="sm"
        variant="ghost"
        onClick={() =>
          run(
            changeRoleAction(projectId, { memberId, role: role === "LEAD" ? "ANNOTATOR" : "LEAD" }),
            `${name} is now ${role === "LEAD" ? "an annotator" : "a lead"}.`,
          )
        }
      >
        {role === "LEAD" ? "Make annotator" : "Make lead"}
      </Button>
      <Button size="sm" variant="ghost" onClick={() => run(removeMemberAction(projectId, { memberId }), `${name} was removed.`)}>
        Remove
      </Button>
    </div>
  );
}
