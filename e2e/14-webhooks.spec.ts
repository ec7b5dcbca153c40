// A lead adds a webhook on Settings: a private address is refused (SSRF), a public one is saved with
// its secret shown once, and a test delivery appears in the hook's delivery log with its outcome.
import { expect, test } from "@playwright/test";
import { seed, signIn, uniqueEmail } from "./helpers";

test("a lead adds a webhook, sees the secret once, and a test delivery in the log", async ({ page, request }) => {
  const lead = uniqueEmail("lead");
  const { projectId } = await seed(request, { people: [{ email: lead, name: "Lee Lead", role: "LEAD" }], project: { name: "Hooked", labels: [{ name: "yes" }, { name: "no" }], items: [] } });
  await signIn(page, lead);
  await page.goto(`/projects/${projectId}/settings`);
  const form = page.getByRole("form", { name: "New webhook" });
  await form.getByLabel("Receiver URL").fill("http://169.254.169.254/latest/meta-data");
  await form.getByRole("button", { name: "Add webhook" }).click();
  await expect(form).toContainText("loopback, link-local or private");

  await form.getByLabel("Receiver URL").fill("https://hooks.example.com/goldset");
  await form.getByRole("button", { name: "Add webhook" }).click();
  await expect(page.getByTestId("webhook-secret")).toHaveText(/^whsec_/);
  const hook = page.getByTestId("webhook");
  await expect(hook).toContainText("https://hooks.example.com/goldset");
  await expect(hook).toContainText("run.finished, export.ready");

  // This machine cannot reach the receiver: the attempt is logged with its error and retried later.
  await hook.getByRole("button", { name: "Send a test" }).click();
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("webhook-delivery").first()).toContainText("1 attempt", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId("webhook-delivery").first()).toContainText("pending");
  await expect(page.getByTestId("webhook-delivery").first()).toContainText("ping");
  await page.screenshot({ path: "test-results/webhooks-settings.png", fullPage: true });
});
