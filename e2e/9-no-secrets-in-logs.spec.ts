// Runs last: after every other spec has signed in, set up accounts, made tokens and sent forms, the
// server's own output (request logs included) must not hold a password or a token.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { PASSWORD } from "./helpers";
import { serverLogPath } from "./server-log.mjs";

test("no password or API token ever reaches the server's output", async () => {
  const port = Number(process.env.E2E_PORT ?? 3210);
  const log = fs.readFileSync(serverLogPath(port), "utf8");
  expect(log.length).toBeGreaterThan(0); // the server did write its log here
  for (const secret of [PASSWORD, "a brand new password"]) expect(log.includes(secret), secret).toBe(false);
  expect(log.match(/gs_[A-Za-z0-9_-]{20,}/g) ?? []).toEqual([]);
  expect(log).not.toMatch(/password=/i);
});
