// Route-handler responses: AppErrors become JSON in one shape with their status; anything else is
// logged and answered with a 500 that carries no driver text.
import { NextResponse } from "next/server";
import { AppError, toAppError } from "@/lib/errors";
import { ConfigError } from "@/lib/env";

/** API answers and downloads are never cached by browsers or proxies: they carry private data. */
export const NO_STORE = { "cache-control": "no-store" } as const;

export function errorResponse(raw: unknown): NextResponse {
  const err = toAppError(raw);
  if (err instanceof AppError) {
    const headers: Record<string, string> = { ...NO_STORE };
    if (err.retryAfterSeconds !== undefined) headers["retry-after"] = String(Math.max(1, Math.ceil(err.retryAfterSeconds)));
    return NextResponse.json({ error: { code: err.code, message: err.message, fieldErrors: err.fieldErrors } }, { status: err.status, headers });
  }
  console.error(err);
  const message = err instanceof ConfigError ? err.message : "Something went wrong on the server.";
  return NextResponse.json({ error: { code: "INTERNAL", message } }, { status: 500, headers: NO_STORE });
}

export function withNoStore(res: Response): Response {
  if (!res.headers.has("cache-control")) res.headers.set("cache-control", "no-store");
  return res;
}
