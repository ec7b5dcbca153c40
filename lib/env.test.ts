import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvForTests } from "@/lib/env";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

function withEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
  return env;
}

describe("environment", () => {
  it("stops production start-up without a real NEXTAUTH_SECRET", () => {
    expect(withEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: undefined })).toThrow(/NEXTAUTH_SECRET is not set/);
    expect(withEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "change-me" })).toThrow(/sample value/);
    expect(withEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(40), NEXTAUTH_URL: "https://goldset.example.com" })().nextAuthSecret).toBe(
      "x".repeat(40),
    );
  });

  it("stops production start-up without NEXTAUTH_URL, which decides whether cookies are Secure", () => {
    expect(withEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(40), NEXTAUTH_URL: undefined })).toThrow(/NEXTAUTH_URL is not set/);
    expect(withEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(40), NEXTAUTH_URL: "https://goldset.example.com" })().publicUrl).toBe(
      "https://goldset.example.com",
    );
  });

  it("generates a development secret once and keeps it in the data folder", () => {
    const first = withEnv({ NODE_ENV: "development", NEXTAUTH_SECRET: undefined })().nextAuthSecret;
    const second = withEnv({})().nextAuthSecret;
    expect(first).toHaveLength(43);
    expect(second).toBe(first);
    expect(fs.readFileSync(path.join(env().dataDir, "nextauth-secret"), "utf8")).toBe(first);
  });

  it("names the variable that is wrong", () => {
    expect(withEnv({ IMPORT_MAX_TEXT_CHARS: "lots" })).toThrow(/IMPORT_MAX_TEXT_CHARS/);
    expect(withEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must start with postgresql/);
  });
});
