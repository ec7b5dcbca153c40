// Image classification as a team does it: a lead creates an image project, imports the demo zip
// (pictures and a table naming them), Claude labels the pictures (the fake sees their colour), an
// annotator reviews by keyboard with the picture fit to the screen and zoomable, on a wide screen
// and on a phone, and the picture is served to members only.
import path from "node:path";
import { expect, test } from "@playwright/test";
import { annotatorReviewing, runFirstPrompt, seed, signIn, uniqueEmail } from "./helpers";

const COLOURS = ["red", "green", "blue", "yellow"];
/** The demo set's colour of shape-NN (scripts/make-demo-images.ts: 3 shapes per colour, 12 per size). */
const colourOf = (id: string) => COLOURS[Math.floor(((Number(id.replace(/\D/g, "")) - 1) % 12) / 3)];

test("a lead imports a zip of images and runs Claude, an annotator labels the pictures by keyboard at 1440 and 390 px", async ({ page, browser, request }) => {
  const admin = uniqueEmail("admin");
  await seed(request, { people: [{ email: admin, name: "Ada Admin", isAdmin: true }] });
  await signIn(page, admin);

  await page.goto("/projects/new");
  await page.getByLabel("Name", { exact: true }).fill("Shape colours");
  await page.getByLabel("Task type").selectOption("IMAGE_CLASSIFICATION");
  for (const [i, colour] of COLOURS.entries()) {
    if (i >= 2) await page.getByRole("button", { name: "Add label" }).click();
    await page.getByLabel(`Label ${i + 1} name`).fill(colour);
  }
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/projects\/[^/]+\/imports$/);
  const projectId = page.url().split("/").at(-2)!;

  // A text file is refused with what to upload instead.
  await page.getByLabel("Images (.zip)").setInputFiles({ name: "notes.csv", mimeType: "text/csv", buffer: Buffer.from("text\nhello\n") });
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page.getByText("Image projects import a .zip of images")).toBeVisible();
  await page.getByLabel("Images (.zip)").setInputFiles(path.join(process.cwd(), "lib", "demo", "shapes", "shapes.zip"));
  await page.getByText("Columns of the table in the zip").click();
  await page.getByLabel("ID column").fill("id");
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page.getByTestId("import-summary").first()).toContainText("24 added", { timeout: 30_000 });

  await runFirstPrompt(page, "Name the colour of the shape in the picture.");

  const { ann, context } = await annotatorReviewing(page, browser, projectId);
  let mediaUrl = "";
  for (let n = 0; n < 24; n++) {
    await expect(ann.getByTestId("review-item-id")).toBeVisible();
    const id = await ann.getByTestId("review-item-id").innerText();
    const picture = ann.getByTestId("review-image").locator("img");
    // The picture is loaded (served to a member), whole on screen.
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    if (n === 0) {
      mediaUrl = (await picture.getAttribute("src"))!;
      await ann.keyboard.press("+");
      await expect(ann.getByTestId("review-image").locator("[data-zoom]")).toHaveAttribute("data-zoom", "1");
      await ann.keyboard.press("+");
      await expect(ann.getByTestId("review-image").locator("[data-zoom]")).toHaveAttribute("data-zoom", "2");
      await ann.screenshot({ path: "test-results/image-review-zoomed.png", fullPage: true });
      await ann.getByRole("button", { name: "Fit" }).click();
      await ann.screenshot({ path: "test-results/image-review.png", fullPage: true });
      await ann.setViewportSize({ width: 390, height: 844 });
      await expect(picture).toBeVisible();
      const box = (await picture.boundingBox())!;
      expect(box.width).toBeLessThanOrEqual(390);
      await ann.screenshot({ path: "test-results/image-review-phone.png", fullPage: true });
      expect(await ann.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await ann.setViewportSize({ width: 1440, height: 900 });
    }
    // The label keys as for text: 1-4 choose red, green, blue, yellow; Enter submits.
    await ann.keyboard.press(String(COLOURS.indexOf(colourOf(id)) + 1));
    await expect(ann.getByTestId("submit")).toHaveText(new RegExp(`Submit: ${colourOf(id)}`));
    await ann.keyboard.press("Enter");
    if (n < 23) await expect(ann.getByTestId("review-item-id")).not.toHaveText(id);
  }
  await expect(ann.getByText("Nothing left to review")).toBeVisible();
  await context.close();

  // The picture is the project's: nobody signed out, or outside the project, gets it.
  const outsider = await request.get(mediaUrl);
  expect([401, 404]).toContain(outsider.status());
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  const strangerEmail = uniqueEmail("stranger");
  await seed(request, { people: [{ email: strangerEmail, name: "Sam Stranger" }] });
  await signIn(strangerPage, strangerEmail);
  expect((await strangerPage.request.get(mediaUrl)).status()).toBe(404);
  await stranger.close();

  // Quality measures the model on the people's labels, as for text.
  await page.goto(`/projects/${projectId}/quality`);
  await expect(page.getByTestId("slice-all")).toContainText("24");
  await page.screenshot({ path: "test-results/image-quality.png", fullPage: true });
});
