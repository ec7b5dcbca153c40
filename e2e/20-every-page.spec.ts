// Every page of the app, as a lead with a project that has something on every tab: at 390 px none
// scrolls sideways, and axe-core finds no serious or critical accessibility violation on it.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { seed, signIn, uniqueEmail } from "./helpers";

/** The app's pages with a seeded project (every page.tsx under app/, its dynamic parts filled in). */
function pages(projectId: string, itemId: number, versionId: string) {
  const p = `/projects/${projectId}`;
  return [
    "/projects",
    "/projects/new",
    "/account",
    "/admin",
    "/api-docs",
    p,
    `${p}/review`,
    `${p}/items`,
    `${p}/items/${itemId}`,
    `${p}/imports`,
    `${p}/runs`,
    `${p}/runs/preview?version=${versionId}`,
    `${p}/runs/improve`,
    `${p}/synthesis`,
    `${p}/adjudication`,
    `${p}/quality`,
    `${p}/quality/compare`,
    `${p}/exports`,
    `${p}/members`,
    `${p}/settings`,
  ];
}

async function seededLeadProject(request: Parameters<typeof seed>[0]) {
  const admin = uniqueEmail("admin");
  const { projectId } = await seed(request, {
    people: [
      { email: admin, name: "Ada Admin-With-A-Long-Name", isAdmin: true, role: "LEAD" },
      { email: uniqueEmail("ann"), name: "Ann Annotator", role: "ANNOTATOR" },
    ],
    project: {
      name: "Every page, with a long project name that has to wrap on a phone",
      labels: [
        { name: "positive", hotkey: "1" },
        { name: "negative", hotkey: "2" },
      ],
      blindShare: 0.3,
      items: Array.from({ length: 24 }, (_, i) => ({
        externalId: `page-${i}`,
        text: `Review ${i}: ${i % 2 ? "the parcel was late and the box crushed" : "fast delivery, lovely product"}. ${"Some more words. ".repeat(i % 5)}`,
        metadata: { source: i % 3 ? "web" : "app" },
        suggestion: { value: { label: i % 2 ? "negative" : "positive" }, confidence: 0.6 + (i % 4) / 10, rationale: "It says so." },
        ...(i < 14 ? { review: { label: i % 5 === 4 ? "positive" : i % 2 ? "negative" : "positive" } } : {}),
      })),
    },
  });
  return { admin, projectId };
}

async function ids(page: Page, projectId: string) {
  const res = await page.request.get(`/api/v1/projects/${projectId}/items?limit=1`);
  const itemId = ((await res.json()) as { items: { id: number }[] }).items[0].id;
  const prompts = await page.request.get(`/api/v1/projects/${projectId}/prompts`);
  const versionId = ((await prompts.json()) as { versions: { id: string }[] }).versions[0]?.id ?? "";
  return { itemId, versionId };
}

test("no page scrolls sideways on a phone (390 px)", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const { admin, projectId } = await seededLeadProject(request);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, admin);
  const { itemId, versionId } = await ids(page, projectId);
  const wide: string[] = [];
  for (const path of pages(projectId, itemId, versionId)) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    const [scroll, client, culprit] = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      // The innermost element reaching past the screen's right edge: what to fix.
      // (Inside a scrolling or clipping box reaching past the edge is fine: that box scrolls, not the page.)
      const clipped = (e: Element) => {
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") return true;
        return false;
      };
      const over = [...document.querySelectorAll("body *")].filter(
        (e) => e.getBoundingClientRect().right > width + 1 && !clipped(e) && getComputedStyle(e).position !== "fixed",
      );
      const inner = over.filter((e) => !over.some((o) => o !== e && e.contains(o)));
      const name = (e: Element) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}.${[...e.classList].slice(0, 3).join(".")}`;
      return [document.documentElement.scrollWidth, width, inner.slice(0, 2).map(name).join(", ")];
    });
    if (scroll > client) wide.push(`${path}: ${scroll} px wide in a ${client} px screen (${culprit})`);
  }
  expect(wide).toEqual([]);
});

test("axe-core finds no serious or critical violation on any page", async ({ page, request }) => {
  test.setTimeout(180_000);
  const { admin, projectId } = await seededLeadProject(request);
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, admin);
  const { itemId, versionId } = await ids(page, projectId);
  const found: string[] = [];
  for (const path of pages(projectId, itemId, versionId)) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    for (const v of result.violations.filter((x) => x.impact === "serious" || x.impact === "critical")) {
      found.push(`${path}: ${v.impact} ${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(" ")}`);
    }
  }
  expect(found).toEqual([]);
});

test("the sign-in page, signed out: fits a phone and has no serious or critical violation", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto("/sign-in");
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});

test("a long item text scrolls from the keyboard, and the tabs' focus ring is not clipped", async ({ page, request }) => {
  const lead = uniqueEmail("lead");
  const long = Array.from({ length: 400 }, (_, i) => `Line ${i} of a very long support ticket.`).join("\n");
  const { projectId } = await seed(request, {
    people: [{ email: lead, name: "Lee Lead", role: "LEAD" }],
    project: { name: "Long texts", labels: [{ name: "a" }, { name: "b" }], items: [{ externalId: "long-1", text: long }] },
  });
  await signIn(page, lead);
  const { itemId } = await ids(page, projectId);
  await page.goto(`/projects/${projectId}/items/${itemId}`);
  const text = page.getByRole("region", { name: "Item text" });
  await text.focus();
  await expect(text).toBeFocused();
  await page.keyboard.press("PageDown");
  await expect.poll(() => text.evaluate((e) => e.scrollTop)).toBeGreaterThan(0);
  // The project tabs draw their focus ring inside themselves: the scrolling bar cannot cut it off.
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Items" }).focus();
  expect(
    await page
      .getByRole("navigation", { name: "Project" })
      .getByRole("link", { name: "Items" })
      .evaluate((e) => getComputedStyle(e).boxShadow),
  ).toMatch(/inset/);
});
