// Shared by the browser benchmarks: times from the Enter keydown to the frame after the next item's
// id is in the page, and the quantile they report.
import type { Page } from "@playwright/test";

export const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

/** Starts recording lags in window.__lags; read them with readLags. */
export async function installTimer(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __pressAt?: number; __lags: number[] };
    w.__lags = [];
    document.addEventListener("keydown", (e) => e.key === "Enter" && (w.__pressAt = performance.now()), true);
    new MutationObserver(() => {
      const at = w.__pressAt;
      if (at === undefined) return;
      w.__pressAt = undefined;
      requestAnimationFrame(() => w.__lags.push(performance.now() - at));
    }).observe(document.querySelector('[data-testid="review-item-id"]')!, { childList: true, characterData: true, subtree: true });
  });
}

export const readLags = (page: Page) => page.evaluate(() => (window as unknown as { __lags: number[] }).__lags);
