// The OpenAPI 3.1 document of /api/v1, built from the routes' own specs (lib/auth/route.ts): the
// description each route must give, its role and token scope, and the zod schemas it parses its
// path, query and body with (zod's JSON Schema output, draft 2020-12, which OpenAPI 3.1 uses).
// Nothing is written twice, so the document cannot drift from what the routes accept.
import { z } from "zod";
import type { RouteSpec } from "@/lib/auth/route";

export type ApiRoute = { path: string; method: string; spec: RouteSpec<unknown, unknown, unknown> };

/** RFC 9457 problem details; `error` repeats code and message in the shape earlier clients read. */
const PROBLEM = {
  type: "object",
  required: ["type", "title", "status", "detail", "code", "error"],
  properties: {
    type: { type: "string", description: "about:blank: the status and `code` say what happened." },
    title: { type: "string", description: "The HTTP status's phrase." },
    status: { type: "integer", minimum: 400, maximum: 599 },
    detail: { type: "string", description: "What went wrong, in words a person can act on." },
    code: {
      type: "string",
      enum: [
        "BAD_REQUEST",
        "VALIDATION",
        "UNAUTHENTICATED",
        "FORBIDDEN",
        "NOT_FOUND",
        "CONFLICT",
        "UNPROCESSABLE",
        "PAYLOAD_TOO_LARGE",
        "UNSUPPORTED_MEDIA_TYPE",
        "RATE_LIMITED",
        "INTERNAL",
      ],
    },
    errors: {
      type: "array",
      description: "Per field (path, query or body), what is wrong with it.",
      items: { type: "object", required: ["pointer", "detail"], properties: { pointer: { type: "string" }, detail: { type: "string" } } },
    },
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string" },
        message: { type: "string" },
        fieldErrors: { type: "object", additionalProperties: { type: "string" } },
      },
    },
  },
} as const;

const errorResponse = (description: string) => ({ description, content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } });

/** Named schemas (`.meta({ id })` in lib/api/responses.ts) met while building the document: its components. */
type Components = Record<string, unknown>;

/** Points zod's local `#/$defs/X` references at the document's `#/components/schemas/X`. */
function toComponentRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toComponentRefs);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === "$ref" && typeof v === "string" ? v.replace(/^#\/\$defs\//, "#/components/schemas/") : toComponentRefs(v)]),
  );
}

/**
 * A zod schema as JSON Schema: a request as a client sends it (defaults optional, coercions as
 * their input), a response as it comes. Named schemas go to `components` and are referenced.
 */
function jsonSchema(schema: unknown, io: "input" | "output" = "input", components: Components = {}): Record<string, unknown> {
  const { $schema, $defs, ...rest } = z.toJSONSchema(schema as z.ZodType, { io, unrepresentable: "any" }) as Record<string, unknown>;
  void $schema;
  for (const [name, def] of Object.entries(($defs ?? {}) as Record<string, unknown>)) components[name] ??= toComponentRefs(def);
  return toComponentRefs(rest) as Record<string, unknown>;
}

/** Query or path parameters from an object schema's properties. */
function parameters(schema: unknown, where: "query" | "path"): object[] {
  if (!schema) return [];
  const s = jsonSchema(schema) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || (s.required ?? []).includes(name),
    ...(typeof property.description === "string" ? { description: property.description } : {}),
    schema: property,
  }));
}

const SUCCESS = {
  200: "Success. The body is JSON unless the description says a file is sent.",
  201: "Created. The body is the new thing, as JSON.",
  202: "Accepted: the work goes on in the background; the body says where to follow it.",
} as const;

const ROLE_NOTE = { LEAD: "Leads of the project.", ANNOTATOR: "Any member of the project.", SIGNED_IN: "Anyone signed in, for themselves." } as Record<
  string,
  string
>;

function operation(r: ApiRoute, components: Components) {
  const { spec } = r;
  const pathNames = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const declared = parameters(spec.params, "path") as { name: string }[];
  const pathParams = pathNames.map(
    (name) => declared.find((p) => p.name === name) ?? { name, in: "path", required: true, schema: { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" } },
  );
  const [summary] = spec.description.split(/(?<=\.)\s/);
  return {
    operationId: `${r.method.toLowerCase()}${r.path.replace(/\{(\w+)\}/g, "By_$1").replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
    summary: summary.replace(/\.$/, ""),
    description: `${spec.description}\n\nWho: ${ROLE_NOTE[spec.role] ?? spec.role} API tokens need the \`${spec.scope}\` scope.${spec.writes ? " Refused while the project is archived." : ""}`,
    tags: [r.path.split("/")[5] ?? "projects"],
    parameters: [
      ...pathParams,
      ...parameters(spec.query, "query"),
      ...(r.method === "POST"
        ? [
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              description:
                "Retrying with the same key and the same request (body, or uploaded file) replays the first answer and its headers (Idempotent-Replayed: true) instead of doing it again; the same key with another request is refused with 422. Kept a day.",
              schema: { type: "string", pattern: "^[\\x21-\\x7e]{1,255}$" },
            },
          ]
        : []),
    ],
    ...(spec.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(spec.body) } } } } : {}),
    ...(spec.rawBody
      ? {
          requestBody: {
            required: true,
            content: { "multipart/form-data": { schema: { type: "object" } }, "application/octet-stream": { schema: { type: "string", format: "binary" } } },
          },
        }
      : {}),
    security: [{ bearer: [] }, { session: [] }],
    responses: {
      [String(spec.successStatus ?? 200)]: {
        description: SUCCESS[spec.successStatus ?? 200],
        ...(spec.response ? { content: { "application/json": { schema: jsonSchema(spec.response, "output", components) } } } : {}),
        ...(spec.file ? { content: Object.fromEntries([spec.file].flat().map((type) => [type, { schema: { type: "string", format: "binary" } }])) } : {}),
      },
      "400": errorResponse("The path, query or body does not fit (see fieldErrors)."),
      "401": errorResponse("No valid session or API token."),
      "403": errorResponse("Not allowed: not a member with this role, the token lacks the scope, or a cross-site write."),
      "404": errorResponse("No such project (or not one you belong to), or no such thing in it."),
      "409": errorResponse("Conflicts with the project's current state (or a request with this Idempotency-Key is still being answered)."),
      ...(r.method === "POST" ? { "422": errorResponse("This Idempotency-Key was used for a different request.") } : {}),
      "413": errorResponse("The body is too large."),
      "415": errorResponse("The body is not JSON (Content-Type must be application/json)."),
      "429": errorResponse("Too many requests: retry after the Retry-After header's seconds."),
    },
  };
}

export function openApiDocument(routes: ApiRoute[], serverUrl = "/"): object {
  const paths: Record<string, Record<string, object>> = {};
  const components: Components = {};
  for (const r of [...routes].sort((a, b) => a.path.localeCompare(b.path))) {
    (paths[r.path] ??= {})[r.method.toLowerCase()] = operation(r, components);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Goldset API",
      version: "1",
      // Not an open licence: SPDX spells a licence outside its list LicenseRef-<name>.
      license: { name: "Proprietary: for use with this Goldset instance", identifier: "LicenseRef-Proprietary" },
      description:
        "Everything under /api/v1 is scoped to a project you belong to, with the same roles as the app. Authenticate with an API token (Account page) as `Authorization: Bearer gs_...`, or with the app's session cookie (writes then need a same-origin Origin header). Errors are RFC 9457 problem details (`application/problem+json`: type, title, status, detail, code, errors) that also carry `{ error: { code, message, fieldErrors? } }`.",
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { Problem: PROBLEM, ...Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))) },
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API token made on the Account page (gs_...), with the scopes the operation names." },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "The app's sign-in session (__Secure-next-auth.session-token over HTTPS).",
        },
      },
    },
  };
}
