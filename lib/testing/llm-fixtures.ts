// A project wired to a fake Anthropic server, for run tests and benchmarks.
import { getDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { FakeAnthropic, type FakeConfig } from "@/lib/testing/fake-anthropic/server";
import { createPromptVersion } from "@/lib/prompts/create-prompt-version";
import { createTestUser, leadAccess } from "@/lib/testing/factories";
import { insertProject } from "@/lib/projects/create-project";
import { promptVersionSchema } from "@/lib/prompts/schemas";

export async function startFakeLlm(config: Partial<FakeConfig> = {}) {
  const fake = new FakeAnthropic(config);
  const url = await fake.start();
  process.env.ANTHROPIC_API_KEY = "test-key";
  process.env.ANTHROPIC_BASE_URL = url;
  resetEnvForTests();
  return fake;
}

/** A spam/ham project with `n` items whose text names their true label. */
export async function llmProject(
  n: number,
  opts: { strategy?: "ZERO_SHOT" | "CHAIN_OF_THOUGHT" | "FEW_SHOT"; samples?: number; texts?: string[]; guidelines?: string; modelId?: string } = {},
) {
  const user = await createTestUser();
  const project = await insertProject(user.id, {
    name: "LLM project",
    taskType: "SINGLE_LABEL",
    guidelines: opts.guidelines ?? "Spam is unsolicited bulk mail.",
    labels: [
      { name: "spam", description: "Unsolicited bulk mail", color: "#dc2626", hotkey: "1" },
      { name: "ham", description: "Wanted mail", color: "#16a34a", hotkey: "2" },
    ],
  });
  const db = await getDb();
  const texts =
    opts.texts ?? Array.from({ length: n }, (_, i) => (i % 3 === 0 ? `Cheap pills, this is spam number ${i}` : `Meeting notes ${i}: ham and eggs for lunch`));
  await db.item.createMany({ data: texts.map((text, i) => ({ projectId: project.id, externalId: `m${i}`, text })) });
  const samples = opts.samples ?? 1;
  const access = await leadAccess(user.id, project.id);
  const version = await createPromptVersion(
    access,
    promptVersionSchema.parse({
      modelId: opts.modelId ?? "claude-haiku-4-5",
      strategy: opts.strategy ?? "ZERO_SHOT",
      instructions: "Decide whether the e-mail is spam.",
      settings: { temperature: samples > 1 ? 0.7 : 0, maxTokens: 256, samples, fewShotK: 3 },
    }),
  );
  return { user, projectId: project.id, versionId: version.id, access };
}
