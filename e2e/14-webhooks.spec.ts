// A lead adds a webhook on Settings: a private address is refused (SSRF), a public one is saved with
// its secret shown once, and a test delivery appears in the hook's delivery log with its outcome.
import { expect, test } from "@playwright/test";
import { seed, signIn, uniqueEmail } from "./helpers";

test("a lead adds a webhook, sees the secret once, and a test delivery in the log", async ({ page, request }) => {
  const lead = uniqueEmail("lead");
  const { projectId } = await seed(request, {
    people: [{ email: lead, name: "Lee Lead", role: "LEAD" }],
    project: { name: "Hooked", labels: [{ name: "yes" }, { name: "no" }], items: [] },
  });
  await signIn(page, lead);
  await page.goto(`/projects/${projectId}/settings`);
  const form = page.getByRole("form", { name: "New webhook" });
  await form.getByLabel("Receiver URL").fill("http://169.254.169.254/latest/meta-data");
  await form.getByRole("button", { name: "Add webhook" }).click();
  await expect(form).toContainText("loopback, link-local or private");

  await form.getByLabel("Receiver URL").fill("https://hooks.example.com/goldset");
  await form.getByRole("button", { name: "Add webhook" }).click();
  await expect(page.getByTestId("webhook-secret")).toHaveText(/^whsec_/);
  const first = await page.getByTestId("webhook-secret").textContent();
  const hook = page.getByTestId("webhook");
  await expect(hook).toContainText("https://hooks.example.com/goldset");
  await expect(hook).toContainText("run.finished, export.ready");

  // This machine cannot reach the receiver: the attempt is logged with its error and retried later.
  await hook.getByRole("button", { name: "Send a test" }).click();
  await expect(async () => {
    await page.reload();
    // The first retry comes about 5 s after the first attempt, so there may already be two.
    await expect(page.getByTestId("webhook-delivery").first()).toContainText(/[12] attempts?/, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId("webhook-delivery").first()).toContainText("pending");
  await expect(page.getByTestId("webhook-delivery").first()).toContainText("ping");
  // Still being tried: it cannot be sent again yet.
  await expect(page.getByTestId("webhook-delivery").first().getByRole("button", { name: /again/ })).toHaveCount(0);

  // A rotation shows the new secret once and says until when the old one still signs.
  await hook.getByRole("button", { name: "Rotate secret" }).click();
  const rotated = hook.getByTestId("webhook-secret");
  await expect(rotated).toHaveText(/^whsec_[A-Za-z0-9+/]{43}=$/);
  expect(await rotated.textContent()).not.toBe(first);
  await expect(hook).toContainText("signed by both the new and the old secret");
  await page.screenshot({ path: "test-results/webhooks-settings.png", fullPage: true });
});
