// Every operation of the API as the OpenAPI document lists it, with its handler and the document's
// own entry: what the contract and fuzz tests walk, so neither can miss a route the other covers.
import { GET as documentGet } from "@/app/api/v1/openapi.json/route";
import { API_ROUTE_MODULES } from "@/app/api/v1/openapi.json/registry";
import type { RouteHandler } from "@/lib/auth/route";

export type DocumentedOperation = {
  path: string;
  method: string;
  handler: RouteHandler;
  /** The document's entry for it (responses, parameters). */
  doc: { responses: Record<string, unknown>; parameters?: { name: string; in: string }[] };
};

export async function documentedOperations(): Promise<DocumentedOperation[]> {
  const doc = await documentGet(new Request("http://localhost:3000/api/v1/openapi.json")).json();
  return API_ROUTE_MODULES.flatMap(({ dir, module }) =>
    ["GET", "POST", "PATCH", "PUT", "DELETE"].flatMap((method) => {
      const handler = module[method] as RouteHandler | undefined;
      if (!handler) return [];
      const path = `/api/v1/${dir.replace(/\[(\w+)\]/g, "{$1}")}`;
      return [{ path, method, handler, doc: doc.paths[path][method.toLowerCase()] }];
    }),
  );
}
