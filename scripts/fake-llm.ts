// `npm run fake-llm`: the fake Anthropic API on its own (for e2e and trying the app without a key).
//   FAKE_LLM_PORT (4010), FAKE_LLM_LATENCY_MS (0), FAKE_LLM_ACCURACY (1)
// Then start the app with ANTHROPIC_API_KEY=anything ANTHROPIC_BASE_URL=http://127.0.0.1:4010
import { FakeAnthropic } from "@/lib/llm/fake-anthropic";

const fake = new FakeAnthropic({
  latencyMs: Number(process.env.FAKE_LLM_LATENCY_MS ?? 0),
  accuracy: Number(process.env.FAKE_LLM_ACCURACY ?? 1),
  batchDelayMs: Number(process.env.FAKE_LLM_BATCH_DELAY_MS ?? 2000),
});
const url = await fake.start(Number(process.env.FAKE_LLM_PORT ?? 4010));
console.log(`[fake-llm] listening on ${url}`);
const stop = () => fake.stop().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
