// The lead's next step, from the project's state: import, then pre-label, then review, then read
// Quality. One primary action, with a sentence saying why it is next.
import { ButtonLink } from "@/components/ui/button";

type Counts = { total: number; prelabeled: number; reviewed: number };

export function nextStep(projectId: string, c: Counts): { href: string; label: string; why: string } {
  const at = (tab: string) => `/projects/${projectId}/${tab}`;
  if (c.total === 0) return { href: at("imports"), label: "Import items", why: "Start with the texts to label: a CSV, JSONL or JSON file." };
  if (c.prelabeled === 0 && c.reviewed === 0)
    return {
      href: at("runs"),
      label: "Pre-label with Claude",
      why: `${c.total.toLocaleString("en-US")} items are waiting: let Claude suggest a label for each, then people check them.`,
    };
  if (c.reviewed < Math.min(100, c.total))
    return { href: at("review"), label: "Start reviewing", why: "Suggestions are in: people's reviews become the gold set the model is measured on." };
  return {
    href: at("quality"),
    label: "See how the model does",
    why: `${c.reviewed.toLocaleString("en-US")} items are reviewed: Quality measures the model against them, with intervals.`,
  };
}

export function NextStep({ projectId, counts, lead }: { projectId: string; counts: Counts; lead: boolean }) {
  const step = nextStep(projectId, counts);
  return (
    <div className="mb-6 flex flex-wrap items-center gap-3" data-testid="next-step">
      <ButtonLink href={lead ? step.href : `/projects/${projectId}/review`}>{lead ? step.label : "Start reviewing"}</ButtonLink>
      {lead && step.href !== `/projects/${projectId}/review` && (
        <ButtonLink variant="secondary" href={`/projects/${projectId}/review`}>
          Review
        </ButtonLink>
      )}
      {lead && <p className="text-sm text-slate-600">{step.why}</p>}
    </div>
  );
}
