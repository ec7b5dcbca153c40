"use client";
// A "?" that shows its explanation on click, tap, Enter or Space, and closes on Escape or a click
// elsewhere: the native popover attribute, so it works before hydration and without hover.
import { useId, type ReactNode } from "react";

export function Help({ children, label = "What is this?" }: { children: ReactNode; label?: string }) {
  const id = `help-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  return (
    <>
      <button
        type="button"
        popoverTarget={id}
        aria-label={label}
        className="ml-1 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full border border-slate-300 align-middle text-[11px] font-semibold text-slate-500 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 [anchor-name:--help]"
      >
        ?
      </button>
      <span
        id={id}
        popover="auto"
        role="tooltip"
        className="m-auto max-w-xs rounded-md border border-slate-200 bg-white p-3 text-left text-sm font-normal text-slate-700 shadow-lg backdrop:bg-slate-900/10"
      >
        {children}
      </span>
    </>
  );
}

/** A term with its explanation one press away. */
export function Term({ children, help }: { children: ReactNode; help: ReactNode }) {
  return (
    <span className="inline-flex items-center">
      {children}
      <Help label={`About ${typeof children === "string" ? children : "this figure"}`}>{help}</Help>
    </span>
  );
}
