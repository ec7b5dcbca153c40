"use client";
// A submit button that says when its form is being sent (React's form status), so a double click
// never sends twice and a slow network shows progress.
import { useFormStatus } from "react-dom";
import { Button } from "@/components/ui/button";
import type { ComponentProps } from "react";

export function SubmitButton({ children, pendingLabel, ...props }: ComponentProps<typeof Button> & { pendingLabel?: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending || props.disabled} aria-disabled={pending || undefined} {...props}>
      {pending ? (pendingLabel ?? children) : children}
    </Button>
  );
}
