// An import shows what it will read before it reads it: the server's own parser previews the
// first rows with the delimiter it detected, a column that is not clearly the text is never taken
// for it silently, and the result's badge follows the outcome.
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { seed, signIn, uniqueEmail } from "./helpers";

async function leadOnEmptyProject(page: Page, request: Parameters<typeof seed>[0]) {
  const lead = uniqueEmail("lead");
  const { projectId } = await seed(request, {
    people: [{ email: lead, name: "Lee Lead", role: "LEAD" }],
    project: { name: "Tickets", labels: [{ name: "bug" }, { name: "question" }] },
  });
  await signIn(page, lead);
  await page.goto(`/projects/${projectId}/imports`);
  return projectId;
}

const chooseFile = (page: Page, name: string, body: string) =>
  page.getByLabel("File (.csv, .jsonl, .json)").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(body) });

test("a semicolon-separated CSV is previewed split on semicolons and imports every row", async ({ page, request }) => {
  await leadOnEmptyProject(page, request);
  const rows = Array.from({ length: 20 }, (_, i) => `T-10${String(i).padStart(2, "0")}x;"The export button does nothing when I click it; case ${i}";web`);
  await chooseFile(page, "tickets.csv", ["ticket;message;channel", ...rows].join("\n"));
  const preview = page.getByTestId("import-preview");
  await expect(preview).toContainText("Read as CSV split on semicolons: 3 columns");
  await expect(preview.getByRole("columnheader", { name: "message (text)" })).toBeVisible();
  await expect(preview).toContainText("The export button does nothing when I click it; case 0");
  await expect(page.getByLabel("Delimiter")).toHaveValue("semicolon");
  await page.screenshot({ path: "test-results/import-preview-semicolon.png", fullPage: true });
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page.getByTestId("import-summary").first()).toContainText("20 added");
  await expect(page.getByText("Done", { exact: true }).first()).toBeVisible();
});

test("a CSV with no clear text column asks which one it is, and an id column needs a confirmation", async ({ page, request }) => {
  await leadOnEmptyProject(page, request);
  const rows = Array.from(
    { length: 20 },
    (_, i) => `T-10${String(i).padStart(2, "0")}x,Login fails on the mobile app when offline ${i},Every time I try on the phone app it says error ${i}`,
  );
  await chooseFile(page, "tickets.csv", ["ref,title,details", ...rows].join("\n"));
  await expect(page.getByTestId("choose-text")).toContainText("No column is clearly the text");
  await expect(page.getByRole("button", { name: "Upload and import" })).toBeDisabled();
  // The id column is never the text without a word from the lead.
  await page.getByLabel("Text column").selectOption("ref");
  await expect(page.getByTestId("confirm-text")).toContainText("looks like ids");
  await expect(page.getByRole("button", { name: "Upload and import" })).toBeDisabled();
  await page.getByLabel("Text column").selectOption("details");
  await expect(page.getByTestId("confirm-text")).toHaveCount(0);
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page.getByTestId("import-summary").first()).toContainText("20 added");
});

test("an import that adds nothing says so in red, with the reasons", async ({ page, request }) => {
  await leadOnEmptyProject(page, request);
  const rows = Array.from({ length: 5 }, (_, i) => `r${i},`);
  await chooseFile(page, "empty-texts.csv", ["id,text", ...rows].join("\n"));
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page.getByText("5 of 5 rows rejected")).toBeVisible();
  await expect(page.getByTestId("import-summary").first()).toContainText("0 added, 5 rejected");
  // The rejected rows come as a file the lead can fix the data from.
  const download = page.waitForEvent("download");
  await page.getByTestId("rejected-download").first().click();
  const csv = fs
    .readFileSync(await (await download).path(), "utf8")
    .trim()
    .split("\r\n");
  expect(csv[0]).toBe("line,field,reason,content");
  expect(csv.slice(1).map((l) => l.split(",")[0])).toEqual(["2", "3", "4", "5", "6"]);
  expect(csv[1]).toContain("text");
});
