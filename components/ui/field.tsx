import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { cn } from "@/components/ui/cn";

const control = "block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-500 disabled:bg-slate-100";
const controlState = (error?: string) => (error ? "border-red-500" : "border-slate-300");

/** A label, the control, a hint and an inline error, wired together for screen readers. */
export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: ReactNode; error?: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}

type Common = { error?: string };
const describedBy = (id: string | undefined, error?: string) => (id ? (error ? `${id}-error` : `${id}-hint`) : undefined);

export function Input({ error, className, ...props }: InputHTMLAttributes<HTMLInputElement> & Common) {
  return (
    <input
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(props.id, error)}
      className={cn(control, controlState(error), className)}
      {...props}
    />
  );
}

export function Textarea({ error, className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & Common) {
  return (
    <textarea
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(props.id, error)}
      className={cn(control, controlState(error), className)}
      {...props}
    />
  );
}

export function Select({ error, className, children, ...props }: SelectHTMLAttributes<HTMLSelectElement> & Common) {
  return (
    <select
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(props.id, error)}
      className={cn(control, controlState(error), className)}
      {...props}
    >
      {children}
    </select>
  );
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
      {message}
    </div>
  );
}
