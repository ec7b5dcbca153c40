// Any /api/v1 path no route serves: a JSON 404 in the API's one error shape (not the app's HTML
// page), pointing at the document that lists what exists.
import { errorResponse } from "@/lib/http";
import { AppError } from "@/lib/errors";

function notFound(req: Request) {
  const { pathname } = new URL(req.url);
  return errorResponse(
    new AppError("NOT_FOUND", `No API operation ${req.method} ${pathname}. The operations are listed in /api/v1/openapi.json and at /api-docs.`),
  );
}

export const GET = notFound;
export const POST = notFound;
export const PATCH = notFound;
export const PUT = notFound;
export const DELETE = notFound;
