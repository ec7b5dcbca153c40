"use client";
// Short confirmations and errors, announced to screen readers through a live region.
import { createContext, useCallback, useContext, useState, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";

type Toast = { id: number; message: string; tone: "success" | "error" };
const ToastContext = createContext<(message: string, tone?: Toast["tone"]) => void>(() => {});
const DismissContext = createContext<() => void>(() => {});

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const show = useCallback((message: string, tone: Toast["tone"] = "success") => {
    const id = Date.now() + Math.random();
    setToasts((t) => [...t, { id, message, tone }]);
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), 5000);
  }, []);
  const dismissErrors = useCallback(() => setToasts((t) => (t.some((x) => x.tone === "error") ? t.filter((x) => x.tone !== "error") : t)), []);
  return (
    <ToastContext.Provider value={show}>
      <DismissContext.Provider value={dismissErrors}>{children}</DismissContext.Provider>
      {/* On phones at the top: the bottom of the screen holds the review screen's label bar. */}
      <div aria-live="polite" className="pointer-events-none fixed inset-x-4 top-4 z-50 flex flex-col gap-2 sm:inset-x-auto sm:top-auto sm:right-4 sm:bottom-4">
        {toasts.map((t) => (
          <div
            key={t.id}
            role="status"
            className={cn(
              "pointer-events-auto rounded-md px-4 py-3 text-sm shadow-lg",
              t.tone === "success" ? "bg-slate-900 text-white" : "bg-red-600 text-white",
            )}
          >
            {t.message}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);
/** Clears the error toasts (an error about an item should not outlive it). */
export const useDismissErrors = () => useContext(DismissContext);
