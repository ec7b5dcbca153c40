"use client";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { adjudicateAction } from "../actions";

export function RulingButtons({ projectId, itemId, options }: { projectId: string; itemId: number; options: { value: unknown; text: string }[] }) {
  const router = useRouter();
  const toast = useToast();
  return (
    <div className="mt-3 flex flex-wrap items-center gap-2">
      <span className="text-xs text-slate-500">Rule:</span>
      {options.map((o) => (
        <Button
          key={o.text}
          size="sm"
          variant="secondary"
          onClick={async () => {
            const res = await adjudicateAction(projectId, { itemId, value: o.value });
            if (!res.ok) return toast(res.message, "error");
            toast(`Gold set to ${o.text}.`);
            router.refresh();
          }}
        >
          {o.text}
        </Button>
      ))}
    </div>
  );
}
