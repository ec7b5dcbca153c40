// Whether the prompt's stable prefix (tool, instructions, labels, guidelines) is long enough for
// the model to cache it: the API caches nothing shorter, so such a prefix is sent unmarked.
import type { PrefixSize } from "@/lib/llm/prefix";

export function PrefixNote({ prefix }: { prefix: PrefixSize }) {
  const n = (x: number) => x.toLocaleString("en-US");
  const size = `${prefix.counted ? "" : "about "}${n(prefix.tokens)} tokens`;
  return (
    <p className="text-slate-600" data-testid="prefix-note">
      Prompt prefix {size}
      {prefix.cacheable
        ? `: cached after the first request (at least ${n(prefix.minCacheTokens)} for this model), then read at a tenth of the input price.`
        : `, caching needs ${n(prefix.minCacheTokens)} for this model: every request pays for the full prompt. Longer guidelines or more labels with descriptions can reach it.`}
    </p>
  );
}
