import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { createDb, type DbHandle } from "../../lib/db";
import { webhookDeliveries } from "../../lib/db/schema";
import { createHelloCleverClient, type HelloCleverClient } from "../../lib/hello-clever/client";
import { freePort } from "../helpers/free-port";
import { createProviderBatch } from "../helpers/provider-batch";
import { signInAs } from "./helpers";

// The live batch table against the production build: Hello Clever (the simulator) moves a batch to
// `completed` while /batches stays open, with no reload; then the same seen through a second app
// instance on the same database. The batch is put in Hello Clever's hands directly (DB +
// simulator), as a successful submission leaves it. Where a test asserts each status on the way,
// the payout is held and advanced one status at a time once the page shows the last one: on a
// busy machine, timed steps can outrun the app, which re-reads the payout and so may apply two
// steps at once (correctly) and never show the one in between.

const slot = process.env.E2E_SLOT || "default";
const appUrl = `http://127.0.0.1:${process.env.E2E_PORT}`;
const databaseUrl = `postgres://postgres:postgres@127.0.0.1:${process.env.E2E_PG_PORT}/payout_desk`;
const simulatorUrl = `http://127.0.0.1:${process.env.E2E_SIMULATOR_PORT}`;

let database: DbHandle;
let client: HelloCleverClient;

test.beforeAll(() => {
  database = createDb(databaseUrl, { max: 2 });
  client = createHelloCleverClient({ baseUrl: simulatorUrl, appId: "sandbox-app-id", secretKey: "sandbox-secret-key" });
});

test.afterAll(async () => {
  await database?.sql.end();
});

/** A payout control call at the simulator; answers the payout's status after it. */
async function controlPayout(providerUuid: string, move: "hold" | "advance"): Promise<string> {
  const response = await fetch(`${simulatorUrl}/__control/payouts/${providerUuid}/${move}`, { method: "POST" });
  if (!response.ok) throw new Error(`The simulator refused to ${move} ${providerUuid}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { status: string }).status;
}
const holdPayout = (providerUuid: string) => controlPayout(providerUuid, "hold");
/** How the batch table shows each payout status (every test batch has one failing account). */
const SHOWN_AS: Record<string, string> = { created: "Submitted", processing: "Processing", scheduled: "Scheduled", completed: "Completed with failures" };

/**
 * Walks a held payout to `completed` one status at a time, each step only once the open page's row
 * shows the current one (the row changes in place; the page is never reloaded). Answers the
 * statuses the row was seen showing, lower-cased as `statusesShown` records them.
 */
async function walkShowingEachStatus(page: Page, batch: { batchId: string; providerUuid: string }): Promise<string[]> {
  const row = page.locator(`[data-testid=batch-row][data-batch-id="${batch.batchId}"]`).getByTestId("batch-status");
  const seen: string[] = [];
  for (let status = await holdPayout(batch.providerUuid); ; status = await controlPayout(batch.providerUuid, "advance")) {
    await expect(row).toHaveText(SHOWN_AS[status]!, { timeout: 60_000 });
    seen.push(SHOWN_AS[status]!.toLowerCase());
    if (status === "completed") return seen;
  }
}

/** Records, in the page, when each batch row first shows each status (ms since epoch). */
async function watchStatuses(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Record<string, Record<string, number>> = {};
    (window as unknown as { statusSeen: typeof seen; loadedOnce: boolean }).statusSeen = seen;
    (window as unknown as { loadedOnce: boolean }).loadedOnce = true;
    const record = () => {
      const now = Date.now();
      for (const row of document.querySelectorAll<HTMLElement>("[data-testid=batch-row]")) {
        const id = row.dataset.batchId!;
        const status = row.querySelector("[data-testid=batch-status]")?.textContent?.trim().toLowerCase() ?? "";
        seen[id] ??= {};
        seen[id][status] ??= now;
      }
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
    record();
  });
}

/** The statuses a batch row has shown in this page so far, in the order it showed them. */
async function statusesShown(page: Page, batchId: string): Promise<string[]> {
  const seen = await page.evaluate((id) => (window as unknown as { statusSeen: Record<string, Record<string, number>> }).statusSeen[id] ?? {}, batchId);
  return Object.entries(seen)
    .sort(([, a], [, b]) => a - b)
    .map(([status]) => status);
}

async function expectNoReload(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
}

test.describe("live batch table", () => {
  test("a batch reaches completed on an open /batches page with no reload, failures shown", async ({ page }) => {
    await signInAs(page, "auditor@demo.test");
    await page.goto("/batches");
    await watchStatuses(page);
    const batches = [];
    for (let i = 0; i < 4; i++) {
      batches.push(
        await createProviderBatch(database.db, client, {
          receiverBaseUrl: appUrl,
          accounts: ["1234567890", "1000000001", "2222222222"],
          makerEmail: "operator@demo.test",
          description: `Live payroll run ${i + 1}`,
          onPayoutCreated: holdPayout,
        }),
      );
    }
    const walked = new Map<string, string[]>();
    for (const batch of batches) {
      walked.set(batch.batchId, await walkShowingEachStatus(page, batch));
      await expect(page.locator(`[data-testid=batch-row][data-batch-id="${batch.batchId}"]`).getByTestId("failed-count")).toHaveText("1 failed");
    }
    await expectNoReload(page);
    // Every row changed in place, through each provider status, in order (the latency is measured
    // by `npm run bench -- webhook_to_browser_p95_ms`, not asserted here).
    for (const batch of batches) {
      const steps = walked.get(batch.batchId)!;
      expect(steps.length).toBeGreaterThan(1);
      expect((await statusesShown(page, batch.batchId)).filter((status) => steps.includes(status))).toEqual(steps);
    }
    await page.screenshot({ path: test.info().outputPath("live-batches.png"), fullPage: true });
  });

  test("the batch page, open in a second tab, follows the batch to completed", async ({ page, context }) => {
    await signInAs(page, "auditor@demo.test");
    const first = await createProviderBatch(database.db, client, {
      receiverBaseUrl: appUrl,
      accounts: ["1234567890", "1000000001", "2222222222"],
      makerEmail: "operator@demo.test",
      description: "Live payroll run, batch page",
    });
    const detail = await context.newPage();
    await detail.goto(`/batches/${first.batchId}`);
    await expect(detail.getByTestId("batch-progress-summary")).toHaveText("completed — 2 paid, 1 failed");
    await expect(detail.getByText("Beneficiary account does not exist × 1")).toBeVisible();
    // Each webhook is listed; the provider statuses applied end at completed (a read may find a
    // step already passed, so there may be fewer than three, never more).
    const timeline = detail.getByTestId("batch-timeline");
    await expect(timeline.locator("[data-kind^=delivery]")).toHaveCount(3);
    await expect(timeline.locator("[data-kind=provider]").first()).toContainText("Completed");
    // Never double-applied: each provider status moved the batch at most once.
    const applied = (await timeline.locator("[data-kind=provider]").allTextContents()).map((text) => text.split(" — ")[0]);
    expect(new Set(applied).size).toBe(applied.length);
  });

  test.describe("with a second app instance on the same database", () => {
    let second: ChildProcess | undefined;
    let secondUrl = "";

    test.beforeAll(async () => {
      const port = await freePort();
      secondUrl = `http://localhost:${port}`;
      second = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
        env: {
          ...process.env,
          NODE_ENV: "production",
          PORT: String(port),
          DATABASE_URL: databaseUrl,
          NEXTAUTH_SECRET: readFileSync(`.data/e2e-${slot}/nextauth-secret`, "utf8").trim(),
          TOTP_ENCRYPTION_KEY: readFileSync(`.data/e2e-${slot}/totp-encryption-key`, "utf8").trim(),
          NEXTAUTH_URL: secondUrl,
          HELLO_CLEVER_BASE_URL: simulatorUrl,
          HELLO_CLEVER_APP_ID: "sandbox-app-id",
          HELLO_CLEVER_SECRET_KEY: "sandbox-secret-key",
          NEXT_DIST_DIR: `.next-e2e-${slot}`,
          RECONCILE_INTERVAL_S: "5",
          LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "inherit", "inherit"],
      });
      const deadline = Date.now() + 60_000;
      for (;;) {
        const healthy = await fetch(`${secondUrl}/api/health`).then((r) => r.ok, () => false);
        if (healthy) break;
        if (Date.now() > deadline) throw new Error("The second instance did not become healthy");
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    });

    test.afterAll(async () => {
      if (!second || second.exitCode !== null) return;
      const exited = new Promise((resolve) => second!.once("exit", resolve));
      second.kill("SIGTERM");
      await exited;
    });

    test("a change from webhooks received by the first instance shows on a page served by the second", async ({ browser }) => {
      const context = await browser.newContext({ baseURL: secondUrl });
      const page = await context.newPage();
      await signInAs(page, "approver@demo.test");
      await page.goto("/batches");
      await watchStatuses(page);
      // Webhooks go to the first instance; this page is served (and its stream fed) by the second.
      const batch = await createProviderBatch(database.db, client, {
        receiverBaseUrl: appUrl,
        accounts: ["1234567890", "1000000002"],
        makerEmail: "operator@demo.test",
        description: "Second instance run",
        onPayoutCreated: holdPayout,
      });
      const walked = await walkShowingEachStatus(page, batch);
      await expect(page.locator(`[data-testid=batch-row][data-batch-id="${batch.batchId}"]`).getByTestId("failed-count")).toHaveText("1 failed");
      await expectNoReload(page);
      expect(walked.length).toBeGreaterThan(1);
      expect((await statusesShown(page, batch.batchId)).filter((status) => walked.includes(status))).toEqual(walked);
      await context.close();
    });
  });

  test("the webhook receiver answers only authentic POSTs", async ({ request }) => {
    const batch = await createProviderBatch(database.db, client, {
      receiverBaseUrl: appUrl,
      accounts: ["1234567890"],
      scheduledAt: new Date(Date.now() + 86_400_000),
    });
    const url = `/api/webhooks/hello-clever/${batch.batchId}`;
    expect((await request.get(url)).status()).toBe(405);
    expect((await request.post(url, { headers: { authorization: "wrong" }, data: {} })).status()).toBe(401);
    expect((await request.post("/api/webhooks/hello-clever/not-a-batch", { headers: { authorization: batch.secret }, data: {} })).status()).toBe(404);
    expect((await request.post(url, { headers: { authorization: batch.secret }, data: { status: "created" } })).status()).toBe(200);
    expect((await request.post(url, { headers: { authorization: batch.secret }, data: { status: "created" } })).status()).toBe(200);
    const stored = await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.batchId, batch.batchId));
    expect(stored).toHaveLength(2);
  });
});
