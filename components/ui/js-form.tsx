"use client";
// A form whose submit handler needs JavaScript (client state, uploads with progress). It is given
// a client-side `action`, so before the page has hydrated (or without JavaScript) submitting does
// nothing instead of the browser's default, a GET that would put every field in the URL. The
// handler always calls preventDefault(), so the action itself never runs.
import type { FormHTMLAttributes, Ref } from "react";

const beforeHydration = () => {};

export function JsForm({
  children,
  onSubmit,
  ref,
  ...props
}: Omit<FormHTMLAttributes<HTMLFormElement>, "action" | "method"> & { onSubmit: (e: React.FormEvent<HTMLFormElement>) => void; ref?: Ref<HTMLFormElement> }) {
  return (
    <form ref={ref} action={beforeHydration} onSubmit={onSubmit} noValidate {...props}>
      <noscript>
        <p className="mb-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This form needs JavaScript. Turn it on to use it.
        </p>
      </noscript>
      {children}
    </form>
  );
}
