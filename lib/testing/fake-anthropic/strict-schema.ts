// What the real API accepts in a tool's input_schema when the tool says `strict: true`
// (Anthropic docs, "Structured outputs", JSON Schema limitations, read 2026-11):
//   supported: the basic types, enum of primitives, const, anyOf, allOf, local $ref/$defs,
//   required, additionalProperties: false, string formats, minItems of 0 or 1;
//   not supported: recursive schemas, minimum/maximum/exclusive*/multipleOf, minLength/maxLength,
//   array constraints beyond minItems 0/1, external $ref, complex values in enum;
//   every object must set additionalProperties: false.
// Keywords the docs list in neither column (uniqueItems, patternProperties, ...) are refused too:
// the fake must never accept what the API might not.

const ALLOWED = new Set([
  "type",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "enum",
  "const",
  "anyOf",
  "allOf",
  "$ref",
  "$defs",
  "definitions",
  "description",
  "title",
  "format",
  "minItems",
  "default",
  "examples",
]);
const NAMED_UNSUPPORTED: Record<string, string> = {
  minimum: "numerical constraints",
  maximum: "numerical constraints",
  exclusiveMinimum: "numerical constraints",
  exclusiveMaximum: "numerical constraints",
  multipleOf: "numerical constraints",
  minLength: "string length constraints",
  maxLength: "string length constraints",
  maxItems: "array constraints",
  uniqueItems: "array constraints",
};
const FORMATS = new Set(["date-time", "time", "date", "duration", "email", "hostname", "uri", "ipv4", "ipv6", "uuid"]);

type Schema = Record<string, unknown>;

/** Every reason the schema would be refused, each with its JSON path; empty when strict mode accepts it. */
export function strictSchemaProblems(schema: unknown, path = "input_schema"): string[] {
  const problems: string[] = [];
  const defs = new Set<string>();
  const root = schema as Schema;
  for (const key of ["$defs", "definitions"]) {
    for (const name of Object.keys((root?.[key] as Schema | undefined) ?? {})) defs.add(`#/${key}/${name}`);
  }
  walk(schema, path, problems, defs, [], root);
  return [...new Set(problems)];
}

function walk(node: unknown, path: string, problems: string[], defs: Set<string>, refsSeen: string[], root: Schema) {
  if (typeof node !== "object" || node === null || Array.isArray(node)) {
    problems.push(`${path}: a schema must be an object`);
    return;
  }
  const s = node as Schema;
  for (const key of Object.keys(s)) {
    if (NAMED_UNSUPPORTED[key]) problems.push(`${path}.${key}: ${NAMED_UNSUPPORTED[key]} are not supported with strict tool use`);
    else if (!ALLOWED.has(key)) problems.push(`${path}.${key}: '${key}' is not supported with strict tool use`);
  }
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (types.includes("object") || s.properties) {
    if (s.additionalProperties !== false) problems.push(`${path}: objects must set additionalProperties to false`);
    for (const [name, child] of Object.entries((s.properties as Schema | undefined) ?? {}))
      walk(child, `${path}.properties.${name}`, problems, defs, refsSeen, root);
    const required = (s.required as unknown[] | undefined) ?? [];
    for (const r of required)
      if (typeof r !== "string" || !(r in ((s.properties as Schema) ?? {}))) problems.push(`${path}.required: '${String(r)}' is not a property`);
  }
  if (s.items !== undefined) walk(s.items, `${path}.items`, problems, defs, refsSeen, root);
  if (s.minItems !== undefined && s.minItems !== 0 && s.minItems !== 1) problems.push(`${path}.minItems: only 0 or 1 is supported`);
  if (s.enum !== undefined) {
    if (!Array.isArray(s.enum) || !s.enum.length) problems.push(`${path}.enum: must be a non-empty list`);
    else if (s.enum.some((v) => v !== null && typeof v === "object")) problems.push(`${path}.enum: complex types in enum are not supported`);
  }
  if (typeof s.format === "string" && !FORMATS.has(s.format)) problems.push(`${path}.format: '${s.format}' is not a supported format`);
  for (const key of ["anyOf", "allOf"] as const) {
    if (s[key] === undefined) continue;
    if (!Array.isArray(s[key])) problems.push(`${path}.${key}: must be a list`);
    else (s[key] as unknown[]).forEach((child, i) => walk(child, `${path}.${key}.${i}`, problems, defs, refsSeen, root));
  }
  for (const key of ["$defs", "definitions"] as const) {
    for (const [name, child] of Object.entries((s[key] as Schema | undefined) ?? {})) walk(child, `${path}.${key}.${name}`, problems, defs, refsSeen, root);
  }
  if (typeof s.$ref === "string") {
    if (!s.$ref.startsWith("#/")) problems.push(`${path}.$ref: external references are not supported`);
    else if (!defs.has(s.$ref)) problems.push(`${path}.$ref: '${s.$ref}' is not defined`);
    else if (refsSeen.includes(s.$ref)) problems.push(`${path}.$ref: recursive schemas are not supported`);
    else {
      const [, key, name] = s.$ref.split("/");
      walk((root[key] as Schema)[name], s.$ref, problems, defs, [...refsSeen, s.$ref], root);
    }
  }
}

/** Counts the limits on a strict request's tools as a whole (the docs' complexity limits). */
export function strictToolLimits(tools: { strict?: boolean; input_schema?: unknown }[]): string | null {
  const strict = tools.filter((t) => t.strict);
  if (strict.length > 20) return `tools: at most 20 strict tools are supported per request, got ${strict.length}`;
  let optional = 0;
  let unions = 0;
  const count = (node: unknown) => {
    if (typeof node !== "object" || node === null) return;
    const s = node as Schema;
    if (s.properties) {
      const required = new Set((s.required as string[] | undefined) ?? []);
      optional += Object.keys(s.properties as Schema).filter((k) => !required.has(k)).length;
      Object.values(s.properties as Schema).forEach(count);
    }
    if (s.anyOf || Array.isArray(s.type)) unions++;
    if (s.items) count(s.items);
    for (const k of ["anyOf", "allOf"]) ((s[k] as unknown[] | undefined) ?? []).forEach(count);
  };
  for (const t of strict) count(t.input_schema);
  if (optional > 24) return `tools: at most 24 optional parameters are supported across strict schemas, got ${optional}`;
  if (unions > 16) return `tools: at most 16 parameters with anyOf or a list of types are supported across strict schemas, got ${unions}`;
  return null;
}
