// The parts of the OpenAPI document the reference page reads, typed loosely: the page renders
// whatever the routes declare (lib/api/openapi.ts), so it needs no second description of the API.
export type JsonSchema = Record<string, unknown>;
export type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema };
export type Content = Record<string, { schema?: JsonSchema }>;
export type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { content: Content };
  responses: Record<string, { description: string; content?: Content }>;
};
export type ApiDocument = {
  info: { description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
};
export type ListedOperation = { method: string; path: string; op: Operation };

/** Operations grouped by their tag (the first path segment after the project), in path order. */
export function groupByTag(doc: ApiDocument): [string, ListedOperation[]][] {
  const groups = new Map<string, ListedOperation[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? "other";
      groups.set(tag, [...(groups.get(tag) ?? []), { method: method.toUpperCase(), path, op }]);
    }
  }
  return [...groups.entries()];
}

/** A schema's type in a few words, for a parameter table: "string", "integer (1-500)", "one of: a, b". */
export function typeWords(schema: JsonSchema | undefined): string {
  if (!schema) return "";
  if (Array.isArray(schema.enum)) return `one of: ${schema.enum.join(", ")}`;
  const type = Array.isArray(schema.type) ? schema.type.join(" or ") : typeof schema.type === "string" ? schema.type : "value";
  const range = [schema.minimum, schema.maximum].some((v) => v !== undefined) ? ` (${schema.minimum ?? "…"}–${schema.maximum ?? "…"})` : "";
  return `${type}${schema.format ? `, ${schema.format}` : ""}${range}`;
}

/** A copyable request for an operation against the origin the page was opened from. */
export function curlExample(origin: string, method: string, path: string, op: Operation): string {
  const url = `${origin.replace(/\/$/, "")}${path.replace(/\{(\w+)\}/g, (_, name: string) => `$${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`)}`;
  const lines = [`curl${method === "GET" ? "" : ` -X ${method}`} "${url}"`, `  -H "Authorization: Bearer $GOLDSET_TOKEN"`];
  const content = op.requestBody?.content ?? {};
  if (content["application/json"]) lines.push(`  -H "Content-Type: application/json"`, `  -d '{ … }'`);
  else if (content["multipart/form-data"]) lines.push(`  -F "file=@data.jsonl"`);
  return lines.join(" \\\n");
}
