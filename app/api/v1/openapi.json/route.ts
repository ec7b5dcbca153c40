// GET /api/v1/openapi.json: the API's OpenAPI 3.1 document, built from the routes' own specs.
// Public: it describes the API, it holds no data.
import { NextResponse } from "next/server";
import { publicOriginOf } from "@/lib/auth/public-origin";
import { openApiDocument } from "@/lib/api/openapi";
import { apiRoutes } from "./api-routes";

export function GET(req: Request) {
  return NextResponse.json(openApiDocument(apiRoutes(), publicOriginOf(req)), { headers: { "cache-control": "no-store" } });
}
