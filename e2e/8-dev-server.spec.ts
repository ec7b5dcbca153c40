// `npm run dev`, opened at http://127.0.0.1 (what many people type): the page hydrates (Next serves
// its dev resources to that origin) and set-up completes. On a fresh embedded database of its own.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { PASSWORD } from "./helpers";

const port = Number(process.env.E2E_PORT ?? 3210) + 20;
let dev: ChildProcess | undefined;
let log = "";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "goldset-e2e-dev-"));
// `next dev` points next-env.d.ts at its build folder; the checkout's own is put back afterwards.
const nextEnv = fs.existsSync("next-env.d.ts") ? fs.readFileSync("next-env.d.ts", "utf8") : null;

test.beforeAll(async () => {
  // Its own build folder: a dev server the developer has running here holds .next's dev lock.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    GOLDSET_DATA_DIR: dataDir,
    PORT: String(port),
    GOLDSET_NEXT_DIST_DIR: ".next-e2e-dev",
  };
  delete env.DATABASE_URL; // the newcomer's set-up: the embedded database
  delete env.NEXTAUTH_URL;
  dev = spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev", "-p", String(port)], { env, stdio: ["ignore", "pipe", "pipe"] });
  for (const s of [dev.stdout!, dev.stderr!]) s.on("data", (c) => (log += c.toString()));
});

test.afterAll(async () => {
  // Its files are removed once it has exited (or been killed, if it will not end within 10 s).
  if (dev && dev.exitCode === null) {
    const server = dev;
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    const killer = setTimeout(() => server.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(killer);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(".next-e2e-dev", { recursive: true, force: true });
  if (nextEnv !== null) fs.writeFileSync("next-env.d.ts", nextEnv);
});

test("the dev server serves 127.0.0.1: the page hydrates and set-up completes", async ({ browser }) => {
  test.setTimeout(300_000);
  const origin = `http://127.0.0.1:${port}`;
  await expect
    .poll(
      async () =>
        fetch(`${origin}/setup`)
          .then((r) => r.status)
          .catch(() => 0),
      { timeout: 180_000, intervals: [1000] },
    )
    .toBe(200);
  const context = await browser.newContext({ baseURL: origin });
  const page = await context.newPage();
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  await page.goto("/setup");
  // React has attached its props to the form: the page is interactive, not just rendered.
  await page.waitForFunction(
    () => {
      const form = document.querySelector("form");
      return Boolean(form && Object.keys(form).some((k) => k.startsWith("__reactProps")));
    },
    null,
    { timeout: 180_000 },
  );
  await page.getByLabel("Your name").fill("Dev Person");
  await page.getByLabel("Email").fill("dev@example.com");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page).toHaveURL(/\/projects$/, { timeout: 120_000 });
  await expect(page.getByText("No projects yet")).toBeVisible({ timeout: 60_000 });
  expect(urls.filter((u) => u.includes(PASSWORD))).toEqual([]);
  expect(log).not.toContain("Blocked cross-origin request");
  expect(log).not.toContain(PASSWORD);
  await context.close();
});
