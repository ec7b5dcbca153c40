"use client";
// While a test runs, the page reloads its data every few seconds, so the verdict appears by itself.
import { useEffect } from "react";
import { useRouter } from "next/navigation";

export function RefreshWhile({ active, everyMs = 3000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, router]);
  return null;
}
