// The /api/v1 routes with their specs, from the generated registry: what the OpenAPI document
// describes, and what the route contract test checks the registry against.
import { ROUTE_SPEC, type RouteHandler } from "@/lib/auth/route";
import type { ApiRoute } from "@/lib/api/openapi";
import { API_ROUTE_MODULES } from "./registry";

const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"];

export function apiRoutes(): ApiRoute[] {
  return API_ROUTE_MODULES.flatMap(({ dir, module }) =>
    METHODS.flatMap((method) => {
      const handler = module[method] as RouteHandler | undefined;
      if (!handler) return [];
      return [{ path: `/api/v1/${dir.replace(/\[(\w+)\]/g, "{$1}")}`, method, spec: handler[ROUTE_SPEC] }];
    }),
  );
}
