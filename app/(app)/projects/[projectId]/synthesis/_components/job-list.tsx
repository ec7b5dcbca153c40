"use client";
// Synthesis jobs with their progress (refreshing while one runs), cost, and what was dropped and why.
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { useToast } from "@/components/ui/toast";
import { controlSynthesisAction } from "../actions";

export type JobView = {
  id: string;
  label: string;
  count: number;
  status: string;
  kept: number;
  dropped: number;
  requests: number;
  costUsd: number;
  error: string | null;
  createdAt: string;
  drops: { text: string; reason: string; similarTo: string | null; similarity: number | null }[];
};

const TONE: Record<string, "slate" | "indigo" | "green" | "amber" | "red"> = {
  QUEUED: "slate",
  RUNNING: "indigo",
  PAUSED: "amber",
  DONE: "green",
  CANCELLED: "amber",
  STOPPED: "amber",
  FAILED: "red",
};

/** A finished job's badge follows what it kept: nothing kept is not a green "done". */
function badgeOf(j: JobView): { tone: "slate" | "indigo" | "green" | "amber" | "red"; name: string } {
  if (j.status !== "DONE") return { tone: TONE[j.status] ?? "slate", name: j.status.toLowerCase() };
  if (j.kept === 0) return { tone: "red", name: "kept nothing" };
  if (j.kept < j.count) return { tone: "amber", name: `done, ${j.kept.toLocaleString()} of ${j.count.toLocaleString()} kept` };
  return { tone: "green", name: "done" };
}

export function JobList({ projectId, jobs }: { projectId: string; jobs: JobView[] }) {
  const router = useRouter();
  const toast = useToast();
  const active = jobs.some((j) => j.status === "QUEUED" || j.status === "RUNNING");
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), 3000);
    return () => clearInterval(timer);
  }, [active, router]);
  const control = async (jobId: string, action: "pause" | "resume" | "cancel") => {
    const res = await controlSynthesisAction(projectId, { jobId, action });
    if (!res.ok) return toast(res.message, "error");
    router.refresh();
  };
  return (
    <ul className="space-y-3">
      {jobs.map((j) => (
        <li key={j.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm" data-testid="synthesis-job">
          <div className="flex flex-wrap items-center gap-2">
            <strong>
              {j.count.toLocaleString()} texts for “{j.label}”
            </strong>
            <Badge tone={badgeOf(j).tone}>{badgeOf(j).name}</Badge>
            <span className="text-slate-500">{new Date(j.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC</span>
            {(j.status === "QUEUED" || j.status === "RUNNING") && (
              <Button size="sm" variant="secondary" onClick={() => void control(j.id, "pause")}>
                Pause
              </Button>
            )}
            {j.status === "PAUSED" && (
              <Button size="sm" variant="secondary" onClick={() => void control(j.id, "resume")}>
                Resume
              </Button>
            )}
            {(j.status === "QUEUED" || j.status === "RUNNING" || j.status === "PAUSED") && (
              <Button size="sm" variant="ghost" onClick={() => void control(j.id, "cancel")}>
                Cancel
              </Button>
            )}
          </div>
          <ProgressBar
            className="mt-2"
            value={j.count ? j.kept / j.count : 0}
            label={`${j.kept.toLocaleString()} of ${j.count.toLocaleString()} in the review queue`}
          />
          <p className="mt-1 text-slate-600" data-testid="synthesis-summary">
            {j.kept.toLocaleString()} kept, {j.dropped.toLocaleString()} dropped · {j.requests} requests · ${j.costUsd.toFixed(4)}
          </p>
          {j.error && <p className="mt-1 text-red-700">{j.error}</p>}
          {j.drops.length > 0 && (
            <details className="mt-2">
              <summary className="cursor-pointer text-indigo-700">What was dropped, and why</summary>
              <ul className="mt-2 space-y-1">
                {j.drops.map((d, i) => (
                  <li key={i} className="text-xs">
                    <span className="font-medium">{d.reason}</span>
                    {d.similarTo && (
                      <span className="text-slate-500">
                        {" "}
                        ({d.similarTo}
                        {d.similarity !== null ? `, similarity ${d.similarity.toFixed(2)}` : ""})
                      </span>
                    )}
                    : <span className="text-slate-600">{d.text.length > 160 ? `${d.text.slice(0, 160)}…` : d.text}</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
