// `npm run fake-llm`: the fake Anthropic API on its own (for e2e and trying the app without a key).
//   FAKE_LLM_PORT (4010), FAKE_LLM_LATENCY_MS (0), FAKE_LLM_ACCURACY (1),
//   FAKE_LLM_RATE429 / FAKE_LLM_RATE529 / FAKE_LLM_RATE500 (0), FAKE_LLM_RETRY_AFTER (seconds, 1)
// Then start the app with ANTHROPIC_API_KEY=anything ANTHROPIC_BASE_URL=http://127.0.0.1:4010
// FAKE_LLM_HIDDEN_RULES: "keyword=label,..." rules people apply that the fake annotator misses
// unless its prompt states them (the prompt-sensitive test double, docs/prompt-alignment.md).
// FAKE_LLM_CONTROL_PORT: a second port on which tests set the fake's faults (POST /faults with
// FakeFaults as JSON), to make the API stop answering mid-run and come back, or make its proposer
// useless (POST /proposer {"useless": true}).
import http from "node:http";
import { FakeAnthropic } from "@/lib/testing/fake-anthropic/server";

const fake = new FakeAnthropic({
  latencyMs: Number(process.env.FAKE_LLM_LATENCY_MS ?? 0),
  accuracy: Number(process.env.FAKE_LLM_ACCURACY ?? 1),
  batchDelayMs: Number(process.env.FAKE_LLM_BATCH_DELAY_MS ?? 2000),
  retryAfterSeconds: Number(process.env.FAKE_LLM_RETRY_AFTER ?? 1),
  hiddenRules: (process.env.FAKE_LLM_HIDDEN_RULES ?? "")
    .split(",")
    .filter(Boolean)
    .map((r) => ({ keyword: r.split("=")[0].trim(), label: r.split("=")[1]?.trim() ?? "" })),
  faults: {
    rate429: Number(process.env.FAKE_LLM_RATE429 ?? 0),
    rate529: Number(process.env.FAKE_LLM_RATE529 ?? 0),
    rate500: Number(process.env.FAKE_LLM_RATE500 ?? 0),
  },
});
const url = await fake.start(Number(process.env.FAKE_LLM_PORT ?? 4010));
console.log(`[fake-llm] listening on ${url}`);
if (process.env.FAKE_LLM_CONTROL_PORT) {
  const control = http.createServer(async (req, res) => {
    let body = "";
    for await (const c of req) body += c;
    if (req.method !== "POST" || (req.url !== "/faults" && req.url !== "/proposer")) return void res.writeHead(404).end();
    // /proposer {"useless": true}: proposals that change nothing that matters (e2e/21).
    if (req.url === "/proposer") fake.config.uselessProposer = Boolean(JSON.parse(body || "{}").useless);
    else fake.config.faults = JSON.parse(body || "{}");
    res.writeHead(204).end();
  });
  control.listen(Number(process.env.FAKE_LLM_CONTROL_PORT), "127.0.0.1");
}
// Lets a parent process (a benchmark) read how many requests were answered with which status.
process.on("message", (m) => m === "stats" && process.send?.(fake.stats));
const stop = () => fake.stop().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
