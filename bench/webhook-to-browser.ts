import { batchStatusLabel } from "../components/batches/batch-status-badge";
import type { BatchStatus } from "../lib/db/schema/enums";
import { advancePayout, createProviderBatches } from "./fixtures";
import type { Measure } from "./measure";
import { below } from "./results";
import { signIn } from "./sign-in";
import { percentile } from "./stats";

const BATCHES = 10;
// Each payout moves created → processing → scheduled → completed: three changes per batch.
const STEPS: BatchStatus[] = ["processing", "scheduled", "completed"];
const TIMEOUT_MS = 10_000;

export const webhookToBrowser: Measure = {
  key: "webhook_to_browser",
  title: "Webhook received → row updated in an open /batches page (Chromium)",
  specs: [{ name: "webhook_to_browser_p95_ms", unit: "ms", target: below(500) }],
  async run(env, log) {
    const [app, browser] = await Promise.all([env.app(), env.browser()]);
    const batches = await createProviderBatches(env, { count: BATCHES, appUrl: app.url, label: "Bench live" });
    const { cookies } = await signIn(app.url, "operator@demo.test");
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    try {
      await context.addCookies(cookies.map((cookie) => ({ ...cookie, url: app.url })));
      const page = await context.newPage();
      await page.goto(`${app.url}/batches`);
      const statusOf = (id: string) => page.locator(`[data-batch-id="${id}"] [data-testid="batch-status"]`);
      for (const batch of batches) await statusOf(batch.id).filter({ hasText: batchStatusLabel("submitted") }).waitFor({ timeout: TIMEOUT_MS });
      // The live stream is open once the page has had a moment after its first render.
      await page.waitForLoadState("networkidle", { timeout: TIMEOUT_MS }).catch(() => undefined);

      const samples: number[] = [];
      let missed = 0;
      for (const status of STEPS) {
        for (const batch of batches) {
          const label = batchStatusLabel(status);
          // Polled on every animation frame in the page, stamped with the page's clock (same machine).
          const shown = page.waitForFunction(
            ({ id, label }) => {
              const badge = document.querySelector(`[data-batch-id="${id}"] [data-testid="batch-status"]`);
              return badge?.textContent?.trim() === label ? Date.now() : false;
            },
            { id: batch.id, label },
            { polling: "raf", timeout: TIMEOUT_MS },
          );
          // The moment the provider sends: the simulator posts the webhook as the status changes.
          const sent = Date.now();
          await advancePayout(env, batch.providerUuid);
          try {
            samples.push(((await (await shown).jsonValue()) as number) - sent);
          } catch {
            missed++;
            samples.push(TIMEOUT_MS);
          }
        }
      }
      log(`  ${samples.length} changes: median ${percentile(samples, 50).toFixed(0)} ms, p95 ${percentile(samples, 95).toFixed(0)} ms, max ${Math.max(...samples).toFixed(0)} ms`);
      return {
        values: { webhook_to_browser_p95_ms: percentile(samples, 95) },
        notes: [
          `${samples.length} status changes (${BATCHES} batches × created → processing → scheduled → completed), one at a time, from the simulator's webhook to the badge in the row; median ${percentile(samples, 50).toFixed(0)} ms` +
            (missed > 0 ? `; ${missed} never showed within ${TIMEOUT_MS / 1000} s (counted as ${TIMEOUT_MS} ms)` : ""),
        ],
      };
    } finally {
      await context.close();
    }
  },
};
