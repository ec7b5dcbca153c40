"use client";
// A rubric's criteria, rated one after the other: the current criterion is outlined, a digit key
// types its level and moves on to the next, the arrow keys move between criteria. Each level is a
// button (its anchor as its title and under the criterion when chosen); the suggested level is
// dashed, as a suggested label is.
import { cn } from "@/components/ui/cn";
import { levelsOf, scaleOf, type Scales, type Scores } from "@/lib/task-types";

export type Criterion = { name: string; description: string };

type Props = {
  criteria: Criterion[];
  scales: Scales;
  /** The levels chosen so far (a criterion not yet rated is absent). */
  chosen: Scores;
  /** The suggestion's levels; null when there is none or the item is blind. */
  suggested: Scores | null;
  current: number;
  onRate: (criterion: string, level: number) => void;
  onFocusCriterion: (index: number) => void;
};

export function RatingPanel(p: Props) {
  return (
    <ol className="space-y-3" data-testid="rating-panel">
      {p.criteria.map((c, i) => {
        const scale = scaleOf(p.scales, c.name);
        const level = p.chosen[c.name];
        // The anchor of the level that Enter would record: the chosen one, else the suggested one.
        const shown = level ?? p.suggested?.[c.name];
        const anchor = shown === undefined ? "" : (scale.anchors[shown - scale.min] ?? "");
        return (
          <li
            key={c.name}
            className={cn("rounded-md border p-2", i === p.current ? "border-indigo-500 ring-1 ring-indigo-500" : "border-slate-200")}
            data-testid={`criterion-${i}`}
            aria-current={i === p.current ? "step" : undefined}
          >
            <button type="button" className="w-full text-left" onClick={() => p.onFocusCriterion(i)}>
              <span className="text-sm font-medium">{c.name}</span>
              {c.description && <span className="block text-xs text-slate-500">{c.description}</span>}
            </button>
            <div role="radiogroup" aria-label={`${c.name}: level ${scale.min} to ${scale.max}`} className="mt-1 flex flex-wrap gap-1">
              {levelsOf(scale).map((l) => {
                const isChosen = level === l;
                const isSuggested = p.suggested?.[c.name] === l;
                return (
                  <button
                    key={l}
                    type="button"
                    role="radio"
                    aria-checked={isChosen}
                    title={scale.anchors[l - scale.min] || undefined}
                    data-suggested={isSuggested || undefined}
                    onClick={() => p.onRate(c.name, l)}
                    className={cn(
                      "h-9 min-w-9 rounded-md border px-2 text-sm font-medium",
                      isChosen
                        ? "border-indigo-600 bg-indigo-600 text-white"
                        : isSuggested
                          ? "border-dashed border-indigo-500 text-indigo-800"
                          : "border-slate-300 hover:bg-slate-50",
                    )}
                  >
                    {l}
                  </button>
                );
              })}
            </div>
            {anchor && (
              <p className="mt-1 text-xs text-slate-600">
                {shown}: {anchor}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
