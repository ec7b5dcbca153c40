"use client";
// Said once per project (remembered in this browser): why a blind item comes without a suggestion.
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function BlindNotice({ projectId, blindShare }: { projectId: string; blindShare: number }) {
  const key = `goldset.blind-notice.${projectId}`;
  // Rendered only in the browser (the review screen loads its item after hydration).
  const [seen, setSeen] = useState(() => localStorage.getItem(key) === "1");
  if (seen) return null;
  const dismiss = () => {
    localStorage.setItem(key, "1");
    setSeen(true);
  };
  return (
    <div role="note" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950" data-testid="blind-notice">
      <p className="font-semibold">Why there is no suggestion</p>
      <p className="mt-1">
        This item is in the blind slice: about {Math.round(blindShare * 100)}% of items are reviewed without the model&apos;s suggestion, so the model&apos;s
        accuracy can be measured on answers it did not influence. Label it as you see it.
      </p>
      <Button size="sm" variant="secondary" className="mt-2" onClick={dismiss}>
        Got it
      </Button>
    </div>
  );
}
