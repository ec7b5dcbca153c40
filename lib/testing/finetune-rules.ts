// The fine-tuning formats' documented rules, as a validator the export tests hold every line to.
// Claude (Amazon Bedrock; Anthropic's cookbook "Finetuning Claude 3 Haiku on Bedrock"): each line
// is {"system"?: string, "messages": [...]}: at least two messages, the first from the user, the
// last from the assistant, user and assistant alternating, no extraneous keys. OpenAI's chat
// format: {"messages": [...]} with roles system (optional, first), user and assistant, string
// contents, ending with the assistant; no other top-level keys.
type Message = { role?: unknown; content?: unknown };

function messageProblems(messages: unknown, roles: string[]): string[] {
  if (!Array.isArray(messages)) return ["messages is not an array"];
  const problems: string[] = [];
  messages.forEach((m: Message, i) => {
    const keys = Object.keys(m ?? {});
    if (keys.some((k) => k !== "role" && k !== "content")) problems.push(`message ${i} has keys ${keys.join(", ")}`);
    if (!roles.includes(String(m?.role))) problems.push(`message ${i} has role ${String(m?.role)}`);
    if (typeof m?.content !== "string" || !m.content.length) problems.push(`message ${i} has no text content`);
  });
  return problems;
}

export function claudeLineProblems(line: unknown): string[] {
  const rec = line as { system?: unknown; messages?: Message[] };
  const extra = Object.keys(rec ?? {}).filter((k) => k !== "system" && k !== "messages");
  const problems = [...(extra.length ? [`extraneous keys: ${extra.join(", ")}`] : []), ...messageProblems(rec?.messages, ["user", "assistant"])];
  if (rec?.system !== undefined && typeof rec.system !== "string") problems.push("system is not a string");
  const m = rec?.messages ?? [];
  if (m.length < 2) problems.push("fewer than two messages");
  if (m[0]?.role !== "user") problems.push("the first message is not the user's");
  if (m.at(-1)?.role !== "assistant") problems.push("the last message is not the assistant's");
  for (let i = 1; i < m.length; i++) if (m[i].role === m[i - 1].role) problems.push(`messages ${i - 1} and ${i} do not alternate`);
  return problems;
}

export function openAiLineProblems(line: unknown): string[] {
  const rec = line as { messages?: Message[] };
  const extra = Object.keys(rec ?? {}).filter((k) => k !== "messages");
  const problems = [...(extra.length ? [`extraneous keys: ${extra.join(", ")}`] : []), ...messageProblems(rec?.messages, ["system", "user", "assistant"])];
  const m = rec?.messages ?? [];
  if (m.findIndex((x) => x.role === "system") > 0) problems.push("a system message after the first");
  if (m.at(-1)?.role !== "assistant") problems.push("the last message is not the assistant's");
  return problems;
}
