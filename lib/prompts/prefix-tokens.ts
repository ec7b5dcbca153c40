// The size of a prompt version's stable prefix, counted by the API once per version and prefix
// (the prefix includes the project's labels and guidelines, which may change after the version
// was saved: a new hash counts again). When the API cannot be asked, the token bound stands in.
import { getDb } from "@/lib/db";
import type { PromptContext } from "@/lib/llm/build-request";
import { llmClient, llmConfigured } from "@/lib/llm/client";
import { countPrefixTokens, prefixHash, prefixSize, type PrefixSize } from "@/lib/llm/prefix";

export async function stablePrefixSize(
  version: { id: string; prefixHash: string | null; prefixTokens: number | null },
  ctx: PromptContext,
): Promise<PrefixSize> {
  const hash = prefixHash(ctx);
  if (version.prefixHash === hash && version.prefixTokens !== null) return prefixSize(ctx, version.prefixTokens);
  if (!llmConfigured()) return prefixSize(ctx, null);
  const counted = await countPrefixTokens(llmClient(), ctx);
  if (counted !== null) {
    const db = await getDb();
    // updateMany: a draft being estimated (lib/alignment) has no row yet.
    await db.promptVersion.updateMany({ where: { id: version.id }, data: { prefixHash: hash, prefixTokens: counted } });
  }
  return prefixSize(ctx, counted);
}
