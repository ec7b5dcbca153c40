// Server-action results: forms get { ok: false, message, fieldErrors } instead of a thrown error.
import { AppError, toAppError } from "@/lib/errors";
import { log } from "@/lib/observability/log";

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | {
      ok: false;
      message: string;
      fieldErrors?: Record<string, string>;
      code?: string;
      /** What a form sent, minus secrets, so a form shown again (also without JavaScript) keeps it. */
      values?: Record<string, string>;
    };

// Never echoed back: passwords, tokens and anything like them.
const SECRET_FIELD = /password|current|confirm|token|secret/i;

/** The non-secret text fields of a submitted form. */
export function echoableValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !k.startsWith("$ACTION") && !SECRET_FIELD.test(k)) out[k] = v.slice(0, 5000);
  return out;
}

export async function runAction<T>(fn: () => Promise<T>, form?: FormData): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (raw) {
    // redirect() and notFound() work by throwing; let Next handle them.
    if ((raw as { digest?: string })?.digest?.startsWith("NEXT_")) throw raw;
    const err = toAppError(raw);
    const values = form ? echoableValues(form) : undefined;
    if (err instanceof AppError) return { ok: false, message: err.message, fieldErrors: err.fieldErrors, code: err.code, values };
    log.error("unexpected error", { err });
    return { ok: false, message: "Something went wrong on the server. Try again.", values };
  }
}
