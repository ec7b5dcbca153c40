// Domain errors are values the boundary turns into a status code and a message a user can act on.
import { ZodError } from "zod";

export type AppErrorCode =
  | "BAD_REQUEST"
  | "VALIDATION"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "UNPROCESSABLE"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "RATE_LIMITED";

const STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
};

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Field-level messages for forms: { fieldName: message }. */
    readonly fieldErrors?: Record<string, string>,
    /** For RATE_LIMITED: when to try again (the Retry-After header). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what = "Not found") => new AppError("NOT_FOUND", what);

/** Unique-constraint violations (Prisma P2002, PostgreSQL 23505) become a CONFLICT with a readable message. */
export function mapPrismaError(err: unknown, conflictMessage: string): unknown {
  const code = (err as { code?: string })?.code;
  if (code === "P2002" || code === "23505") return new AppError("CONFLICT", conflictMessage);
  return err;
}

/** Turn a zod error into { field: first message } for inline form errors. */
export function fieldErrorsFrom(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_form";
    out[key] ??= issue.message;
  }
  return out;
}

/** A zod failure as a 400 that names each field, e.g. "after: Too big: expected number to be <=2147483647". */
export function validationError(error: ZodError, what = "Check the request"): AppError {
  const fields = fieldErrorsFrom(error.issues);
  const named = Object.entries(fields)
    .slice(0, 3)
    .map(([field, message]) => `${field}: ${message}`)
    .join("; ");
  return new AppError("VALIDATION", `${what}: ${named}.`, fields);
}

/**
 * Expected failures as AppErrors, wherever they come from: a zod parse at a boundary, Prisma's
 * "unique constraint" (P2002) and "record not found" (P2025). Anything else is a bug and stays as it is.
 */
export function toAppError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return validationError(err);
  const code = (err as { code?: string })?.code;
  if (code === "P2002" || code === "23505")
    return new AppError("CONFLICT", "That already exists, or someone changed it at the same moment. Reload and try again.");
  if (code === "P2025") return new AppError("NOT_FOUND", "Not found.");
  if (code === "57014")
    return new AppError("BAD_REQUEST", "The database gave up on this request: it took too long. Narrow it down (a shorter search, a filter) and try again.");
  return err;
}
