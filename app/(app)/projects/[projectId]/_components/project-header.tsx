import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { Badge } from "@/components/ui/badge";
import { taskTypeDef } from "@/lib/task-types";

type Tab = "overview" | "review" | "items" | "imports" | "runs" | "synthesis" | "adjudication" | "quality" | "exports" | "members" | "settings";

const TABS: { id: Tab; label: string; href: (id: string) => string; leadOnly?: boolean }[] = [
  { id: "overview", label: "Overview", href: (id) => `/projects/${id}` },
  { id: "review", label: "Review", href: (id) => `/projects/${id}/review` },
  { id: "items", label: "Items", href: (id) => `/projects/${id}/items` },
  { id: "imports", label: "Import", href: (id) => `/projects/${id}/imports`, leadOnly: true },
  { id: "runs", label: "Pre-labeling", href: (id) => `/projects/${id}/runs`, leadOnly: true },
  { id: "synthesis", label: "Synthesis", href: (id) => `/projects/${id}/synthesis`, leadOnly: true },
  { id: "adjudication", label: "Adjudication", href: (id) => `/projects/${id}/adjudication`, leadOnly: true },
  { id: "quality", label: "Quality", href: (id) => `/projects/${id}/quality`, leadOnly: true },
  { id: "exports", label: "Export", href: (id) => `/projects/${id}/exports`, leadOnly: true },
  { id: "members", label: "Members", href: (id) => `/projects/${id}/members`, leadOnly: true },
  { id: "settings", label: "Settings", href: (id) => `/projects/${id}/settings`, leadOnly: true },
];

/** Tabs a task type has no use for: synthesis writes single texts, not pairs of responses. */
const hiddenFor = (taskType: string | undefined, tab: Tab) => taskType !== undefined && tab === "synthesis" && !taskTypeDef(taskType).capabilities.synthesis;

export function ProjectHeader({
  project,
  role,
  current,
}: {
  project: { id: string; name: string; archivedAt: Date | null; taskType?: string };
  role: "LEAD" | "ANNOTATOR";
  current: Tab;
}) {
  return (
    <div className="mb-6 space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <Link href="/projects" className="text-sm text-slate-500 hover:text-slate-800">
          Projects
        </Link>
        <span className="text-slate-300">/</span>
        <h1 className="text-xl font-semibold">{project.name}</h1>
        {project.archivedAt && <Badge tone="amber">Archived</Badge>}
        <Badge tone={role === "LEAD" ? "indigo" : "slate"}>{role === "LEAD" ? "Lead" : "Annotator"}</Badge>
      </div>
      {/* On a narrow screen the tabs scroll sideways inside the bar, never the page. */}
      <nav aria-label="Project" className="-mx-4 flex gap-1 overflow-x-auto border-b border-slate-200 px-4 [scrollbar-width:none] sm:mx-0 sm:px-0">
        {TABS.filter((t) => (!t.leadOnly || role === "LEAD") && !hiddenFor(project.taskType, t.id)).map((t) => (
          <Link
            key={t.id}
            href={t.href(project.id)}
            aria-current={t.id === current ? "page" : undefined}
            className={cn(
              // The bar scrolls sideways (overflow), which would clip an outer focus ring: draw it inside.
              "shrink-0 rounded-t border-b-2 px-3 py-2 text-sm whitespace-nowrap focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-inset",
              t.id === current ? "border-indigo-600 font-medium text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900",
            )}
          >
            {t.label}
          </Link>
        ))}
      </nav>
    </div>
  );
}
