// The request checks the real Messages API makes, with its error shapes, so a request the API
// would refuse is refused here too.
import { FAKE_MODELS, REQUEST_LIMITS } from "@/lib/testing/fake-anthropic/models";
import { strictSchemaProblems, strictToolLimits } from "@/lib/testing/fake-anthropic/strict-schema";
import type { Block, MessageParams } from "@/lib/testing/fake-anthropic/answer";

export type ApiError = { status: number; body: { type: "error"; error: { type: string; message: string } }; headers?: Record<string, string> };

export function apiError(status: number, type: string, message: string): ApiError {
  return { status, body: { type: "error", error: { type, message } } };
}

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const blocksOf = (c: string | Block[] | undefined): Block[] => (typeof c === "string" ? [{ type: "text", text: c }] : (c ?? []));

/** Null when the API would take the request; else its error. `countOnly`: count_tokens takes no max_tokens. */
export function validateMessage(p: MessageParams, opts: { countOnly?: boolean } = {}): ApiError | null {
  const bad = (message: string) => apiError(400, "invalid_request_error", message);
  if (typeof p.model !== "string" || !p.model) return bad("model: Field required");
  const model = FAKE_MODELS[p.model];
  if (!model) return apiError(404, "not_found_error", `model: ${p.model}`);
  if (!opts.countOnly && (typeof p.max_tokens !== "number" || !Number.isInteger(p.max_tokens) || p.max_tokens < 1)) return bad("max_tokens: Field required");
  if (!Array.isArray(p.messages) || p.messages.length === 0) return bad("messages: at least one message is required");
  for (const [i, m] of p.messages.entries()) {
    if (m.role !== "user" && m.role !== "assistant") return bad(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    if (typeof m.content !== "string" && !Array.isArray(m.content)) return bad(`messages.${i}.content: Input should be a valid list`);
    for (const [j, b] of blocksOf(m.content).entries()) {
      if (b.type === "text" && typeof b.text === "string" && !b.text.length)
        return bad(`messages.${i}.content.${j}.text: text content blocks must be non-empty`);
    }
  }
  if (p.messages[0].role !== "user") return bad('messages: first message must use the "user" role');
  const tools = p.tools ?? [];
  for (const [i, t] of tools.entries()) {
    if (!NAME.test(t.name ?? "")) return bad(`tools.${i}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'`);
    if (t.input_schema?.type !== "object") return bad(`tools.${i}.custom.input_schema.type: Input should be 'object'`);
    if (t.strict === true) {
      if (!model.strictTools) return bad(`tools.${i}.custom.strict: strict tool use is not supported on model ${p.model}`);
      const problems = strictSchemaProblems(t.input_schema, `tools.${i}.custom.input_schema`);
      if (problems.length) return bad(problems[0]);
    }
  }
  const limits = strictToolLimits(tools);
  if (limits) return bad(limits);
  if (p.tool_choice?.type === "tool" && !tools.some((t) => t.name === p.tool_choice!.name))
    return bad(`tool_choice.name: Tool '${p.tool_choice.name}' not found in tools`);
  if (p.temperature !== undefined && (typeof p.temperature !== "number" || p.temperature < 0 || p.temperature > 1))
    return bad("temperature: Input should be less than or equal to 1");
  const breakpoints = [...tools, ...blocksOf(p.system), ...p.messages.flatMap((m) => blocksOf(m.content))].filter((b) => b.cache_control).length;
  if (breakpoints > REQUEST_LIMITS.cacheBreakpoints)
    return bad(`A maximum of ${REQUEST_LIMITS.cacheBreakpoints} blocks with cache_control may be provided. Found ${breakpoints}.`);
  return null;
}

/** Every block of a request in the order the API reads it (tools, system, messages): text and whether it ends a cached prefix. */
export function promptBlocks(p: MessageParams): { text: string; breakpoint: boolean }[] {
  return [
    ...(p.tools ?? []).map((t) => ({ text: JSON.stringify(t), breakpoint: Boolean(t.cache_control) })),
    ...blocksOf(p.system).map((b) => ({ text: b.text ?? "", breakpoint: Boolean(b.cache_control) })),
    ...(p.messages ?? []).flatMap((m) => blocksOf(m.content).map((b) => ({ text: `${m.role}: ${b.text ?? ""}`, breakpoint: Boolean(b.cache_control) }))),
  ];
}
