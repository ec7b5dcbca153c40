// Route-handler responses: AppErrors become RFC 9457 problem details (application/problem+json:
// type, title, status, detail, plus `code` and `errors` per field) that also keep the original
// `error: { code, message, fieldErrors }` object, so clients written against either shape work.
// Anything else is logged and answered with a 500 that carries no driver text.
import { NextResponse } from "next/server";
import { AppError, toAppError } from "@/lib/errors";
import { ConfigError } from "@/lib/env";
import { log } from "@/lib/observability/log";

/** API answers and downloads are never cached by browsers or proxies: they carry private data. */
export const NO_STORE = { "cache-control": "no-store" } as const;

const PROBLEM = "application/problem+json";
/** RFC 9457: with type "about:blank" the title is the status's own phrase; `code` says which problem. */
const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

export function problem(status: number, code: string, message: string, fieldErrors?: Record<string, string>) {
  return {
    type: "about:blank",
    title: TITLES[status] ?? "Error",
    status,
    detail: message,
    code,
    ...(fieldErrors ? { errors: Object.entries(fieldErrors).map(([pointer, detail]) => ({ pointer, detail })) } : {}),
    error: { code, message, fieldErrors },
  };
}

export function errorResponse(raw: unknown): NextResponse {
  const err = toAppError(raw);
  if (err instanceof AppError) {
    const headers: Record<string, string> = { ...NO_STORE, "content-type": PROBLEM };
    if (err.retryAfterSeconds !== undefined) headers["retry-after"] = String(Math.max(1, Math.ceil(err.retryAfterSeconds)));
    // RFC 9110: a 401 names the scheme that would be accepted (RFC 6750 for bearer tokens).
    if (err.status === 401) headers["www-authenticate"] = 'Bearer realm="goldset"';
    return NextResponse.json(problem(err.status, err.code, err.message, err.fieldErrors), { status: err.status, headers });
  }
  log.error("unexpected error", { err });
  const message = err instanceof ConfigError ? err.message : "Something went wrong on the server.";
  return NextResponse.json(problem(500, "INTERNAL", message), { status: 500, headers: { ...NO_STORE, "content-type": PROBLEM } });
}

export function withNoStore(res: Response): Response {
  if (!res.headers.has("cache-control")) res.headers.set("cache-control", "no-store");
  return res;
}
