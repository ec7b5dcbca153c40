// Reviewing as a person does, with the keyboard and on a phone: what Enter records is always on
// screen, keys go to the focused control when it wants them, undo brings the answer back, and
// the blind slice is spread through the queue. Each test seeds its own project.
import { expect, test, type Page } from "@playwright/test";
import { seed, signIn, uniqueEmail } from "./helpers";

const LABELS = [{ name: "positive" }, { name: "negative" }, { name: "neutral" }];
const long = "The parcel came two days late, the box was crushed, and support never answered my mail. ".repeat(40);

async function reviewProject(
  request: Parameters<typeof seed>[0],
  opts: { n: number; blindShare?: number; order?: "RANDOM" | "IMPORT_ORDER"; longEvery?: number; blindEvery?: number },
) {
  const annotator = uniqueEmail("ann");
  const { projectId } = await seed(request, {
    people: [
      { email: uniqueEmail("lead"), name: "Lee Lead", role: "LEAD" },
      { email: annotator, name: "Ann Annotator", role: "ANNOTATOR" },
    ],
    project: {
      name: "Review",
      labels: LABELS,
      blindShare: opts.blindShare ?? 0,
      queueOrder: opts.order ?? "IMPORT_ORDER",
      items: Array.from({ length: opts.n }, (_, i) => ({
        externalId: `r${String(i).padStart(2, "0")}`,
        text: opts.longEvery && i % opts.longEvery === 0 ? long : `Review number ${i}: it was ${i % 2 ? "bad" : "good"}.`,
        suggestion: {
          value: { label: i % 2 ? "negative" : "positive" },
          confidence: 0.7 + (i % 3) / 10,
          rationale: `Item ${i} sounds ${i % 2 ? "unhappy" : "happy"}.`,
        },
        ...(opts.blindEvery ? { blindDraw: i % opts.blindEvery === 3 ? 0.01 : 0.5 } : {}),
      })),
    },
  });
  return { projectId, annotator };
}

const itemId = (p: Page) => p.getByTestId("review-item-id");
const recent = async (p: Page) => {
  const list = p.getByTestId("recent-decisions");
  if (!(await list.evaluate((d) => (d as HTMLDetailsElement).open))) await list.locator("summary").click();
  return list;
};

test("Enter records what is on screen: the suggestion marked on its label, Tab + Enter picks the focused label, one decision per press", async ({
  page,
  request,
}) => {
  const { projectId, annotator } = await reviewProject(request, { n: 6, longEvery: 1 });
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, annotator);
  await page.goto(`/projects/${projectId}/review`);
  await expect(itemId(page)).toHaveText("r00");
  // A long item: the suggested label and what Enter will do are in view without scrolling.
  const suggested = page.locator("[data-suggested]");
  await expect(suggested).toHaveText(/positive.*suggested 70%/);
  await expect(suggested).toBeInViewport();
  await expect(page.getByTestId("submit")).toHaveText(/Accept: positive/);
  await expect(page.getByTestId("submit")).toBeInViewport();
  await page.keyboard.press("r");
  await expect(page.getByTestId("suggestion-rationale")).toHaveText("Item 0 sounds happy.");

  // Tab to "neutral" and press Enter: that picks neutral; it does not accept the suggestion.
  const neutral = page.getByRole("button", { name: /^neutral/ });
  await neutral.focus();
  await page.keyboard.press("Enter");
  await expect(neutral).toHaveAttribute("aria-pressed", "true");
  await expect(itemId(page)).toHaveText("r00");
  await expect(page.getByTestId("submit")).toHaveText(/Submit: neutral/);
  await page.getByTestId("submit").focus();
  await page.keyboard.press("Enter");
  await expect(itemId(page)).toHaveText("r01");

  // Two Enters at once (a key bounce) record one decision: the second finds the first on its way.
  await page.evaluate(() => {
    for (let i = 0; i < 2; i++) window.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
  });
  await expect(itemId(page)).toHaveText("r02");
  const list = await recent(page);
  await expect(list.locator("li")).toHaveCount(2);
  await expect(list.locator("li").first()).toContainText("r01");
  await expect(list.locator("li").nth(1)).toContainText("neutral");
  await expect(page.getByText(/Not saved/)).toHaveCount(0);
});

test("moving on does not wait for the server, and a decision it refuses comes back with the answer selected", async ({ page, request }) => {
  const { projectId, annotator } = await reviewProject(request, { n: 4 });
  await signIn(page, annotator);
  await page.goto(`/projects/${projectId}/review`);
  await expect(itemId(page)).toHaveText("r00");
  await page.route("**/review/decisions", (route) =>
    route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { message: "The database is restarting" } }) }),
  );
  await page.keyboard.press("2");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("not-saved")).toContainText("Not saved: The database is restarting");
  await expect(itemId(page)).toHaveText("r00");
  await expect(page.getByRole("button", { name: /^negative/ })).toHaveAttribute("aria-pressed", "true");
  await page.unroute("**/review/decisions");
  await page.keyboard.press("Enter");
  await expect(itemId(page)).not.toHaveText("r00");
  await expect(page.getByTestId("not-saved")).toHaveCount(0);
  const list = await recent(page);
  await expect(list.locator("li").first()).toContainText("r00");
  await expect(list.locator("li").first()).toContainText("negative");
});

test("skip, undo and the counters: undo brings the item back with the answer selected; skips are not reviews", async ({ page, request }) => {
  const { projectId, annotator } = await reviewProject(request, { n: 8 });
  await signIn(page, annotator);
  await page.goto(`/projects/${projectId}/review`);
  await expect(itemId(page)).toHaveText("r00");
  await expect(page.getByTestId("review-progress")).toContainText("Remaining: 8");
  await page.keyboard.press("Enter"); // accept positive
  await expect(itemId(page)).toHaveText("r01");
  await page.keyboard.press("3"); // neutral instead of the suggested negative
  await page.keyboard.press("Enter");
  await expect(itemId(page)).toHaveText("r02");
  await expect(page.getByTestId("review-progress")).toContainText("Reviewed today: 2");
  await expect(page.getByTestId("review-progress")).toContainText("Remaining: 6");
  await page.keyboard.press("s");
  await expect(itemId(page)).toHaveText("r03");
  await expect(page.getByTestId("review-progress")).toContainText("Reviewed today: 2"); // a skip is not a review
  await page.keyboard.press("u"); // r02's skip undone
  await expect(itemId(page)).toHaveText("r02");
  await page.keyboard.press("2");
  await page.keyboard.press("Enter");
  await expect(itemId(page)).toHaveText(/r0[34]/);
  await page.keyboard.press("u"); // r02 comes back with "negative" selected
  await expect(itemId(page)).toHaveText("r02");
  await expect(page.getByRole("button", { name: /^negative/ })).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("1");
  await page.keyboard.press("Enter");

  // An older decision is changed from the list of recent decisions.
  const list = await recent(page);
  await list.getByRole("button", { name: "Change the answer for r01" }).click();
  await list.getByLabel("positive").check();
  await list.getByRole("button", { name: "Save" }).click();
  await expect(list.getByRole("status")).toHaveText("Changed r01 to positive.");
});

test("the blind slice is each item's own draw, wherever the queue puts it, and its first item says why there is no suggestion", async ({ page, request }) => {
  // Items r03, r13, r23, r33 drew below the 10% share: they, and only they, are reviewed blind.
  const { projectId, annotator } = await reviewProject(request, { n: 40, blindShare: 0.1, order: "RANDOM", blindEvery: 10 });
  await signIn(page, annotator);
  await page.goto(`/projects/${projectId}/review`);
  const blindIds: string[] = [];
  let noticeSeen = 0;
  for (let i = 0; i < 40; i++) {
    await expect(itemId(page)).toBeVisible();
    const before = await itemId(page).textContent();
    const blind = await page.getByText("Blind review: no suggestion shown").isVisible();
    if (blind) blindIds.push(before!);
    if (blind) {
      await expect(page.locator("[data-suggested]")).toHaveCount(0);
      if (await page.getByTestId("blind-notice").isVisible()) {
        noticeSeen++;
        await page.getByRole("button", { name: "Got it" }).click();
      }
      await page.keyboard.press("1");
    }
    await page.keyboard.press("Enter");
    if (i < 39) await expect(itemId(page)).not.toHaveText(before!);
  }
  expect(blindIds.sort()).toEqual(["r03", "r13", "r23", "r33"]);
  expect(noticeSeen).toBe(1);
});

test("on a phone: no sideways scrolling, labels and actions in a bar at the bottom, no keyboard hints", async ({ browser, request }) => {
  const { projectId, annotator } = await reviewProject(request, { n: 3, longEvery: 1 });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await context.newPage();
  await signIn(phone, annotator);
  await phone.goto(`/projects/${projectId}/review`);
  await expect(itemId(phone)).toHaveText("r00");
  expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
  await expect(phone.locator("[data-suggested]")).toBeInViewport();
  await expect(phone.getByTestId("submit")).toBeInViewport();
  await expect(phone.getByTestId("submit").locator("kbd")).toBeHidden();
  // A first-time reviewer sees the guidelines once; on a phone a visible button opens them again.
  await expect(phone.getByTestId("guidelines-panel")).toBeVisible();
  await phone.getByRole("button", { name: "Hide the guidelines" }).tap();
  await expect(phone.getByTestId("guidelines-panel")).toHaveCount(0);
  await phone.getByTestId("guidelines-button").tap();
  await expect(phone.getByTestId("guidelines-panel")).toBeVisible();
  await phone.getByTestId("guidelines-button").tap();
  await phone.getByRole("button", { name: /^negative/ }).tap();
  await phone.getByTestId("submit").tap();
  await expect(itemId(phone)).toHaveText("r01");
  // Seen once: the next item comes without them.
  await expect(phone.getByTestId("guidelines-panel")).toHaveCount(0);
  await context.close();
});
