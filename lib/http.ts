// Route-handler boundary: AppErrors become JSON with their status; anything else is logged and a 500.
import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { ConfigError } from "@/lib/env";

export function errorResponse(err: unknown): NextResponse {
  if (err instanceof AppError) {
    return NextResponse.json(
      { error: { code: err.code, message: err.message, fieldErrors: err.fieldErrors } },
      { status: err.status },
    );
  }
  console.error(err);
  const message = err instanceof ConfigError ? err.message : "Something went wrong on the server.";
  return NextResponse.json({ error: { code: "INTERNAL", message } }, { status: 500 });
}

export function withErrors<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
