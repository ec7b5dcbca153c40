import { cn } from "@/components/ui/cn";

/** value in [0, 1]; the label is read by screen readers and shown beside the bar. */
export function ProgressBar({
  value,
  label,
  tone = "indigo",
  className,
}: {
  value: number;
  label: string;
  tone?: "indigo" | "green" | "red";
  className?: string;
}) {
  const pct = Math.round(Math.max(0, Math.min(1, value)) * 100);
  const color = { indigo: "bg-indigo-600", green: "bg-green-600", red: "bg-red-600" }[tone];
  return (
    <div className={cn("space-y-1", className)}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className={cn("h-full transition-all duration-300", color)} style={{ width: `${pct}%` }} />
      </div>
      <div className="flex justify-between text-xs text-slate-600">
        <span>{label}</span>
        <span>{pct}%</span>
      </div>
    </div>
  );
}
