// Server-action boundary: forms get { ok: false, message, fieldErrors } instead of a thrown error.
import { AppError } from "@/lib/errors";

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; message: string; fieldErrors?: Record<string, string> };

export async function runAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (err) {
    // redirect() and notFound() work by throwing; let Next handle them.
    if ((err as { digest?: string })?.digest?.startsWith("NEXT_")) throw err;
    if (err instanceof AppError) return { ok: false, message: err.message, fieldErrors: err.fieldErrors };
    console.error(err);
    return { ok: false, message: "Something went wrong on the server. Try again." };
  }
}
