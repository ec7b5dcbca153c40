import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** `id`: an anchor other pages link to (Settings links to Quality's auto-accept card). */
export function Card({
  id,
  title,
  actions,
  children,
  className,
}: {
  id?: string;
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section id={id} className={cn("min-w-0 rounded-lg border border-slate-200 bg-white p-5 shadow-sm", className)}>
      {(title || actions) && (
        <div className="mb-4 flex items-center justify-between gap-4">
          {title && <h2 className="text-base font-semibold">{title}</h2>}
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}
