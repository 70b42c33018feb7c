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

// The live batch table against the production build: Hello Clever (the simulator, a status step
// every 800 ms) moves a batch to `completed` while /batches stays open, with no reload; then the
// same seen through a second app instance on the same database. The batch is put in Hello
// Clever's hands directly (DB + simulator), as a successful submission leaves it.

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
        }),
      );
    }
    for (const batch of batches) {
      const row = page.locator(`[data-testid=batch-row][data-batch-id="${batch.batchId}"]`);
      await expect(row.getByTestId("batch-status")).toHaveText("Completed with failures", { timeout: 20_000 });
      await expect(row.getByTestId("failed-count")).toHaveText("1 failed");
    }
    await expectNoReload(page);
    // Every row changed in place: it showed a provider status before `completed` (the latency is
    // measured by `npm run bench -- webhook_to_browser_p95_ms`, not asserted here).
    for (const batch of batches) {
      const shown = await statusesShown(page, batch.batchId);
      expect(shown.at(-1)).toBe("completed with failures");
      expect(shown.length).toBeGreaterThan(1);
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
      });
      const row = page.locator(`[data-testid=batch-row][data-batch-id="${batch.batchId}"]`);
      await expect(row.getByTestId("batch-status")).toHaveText("Completed with failures", { timeout: 20_000 });
      await expect(row.getByTestId("failed-count")).toHaveText("1 failed");
      await expectNoReload(page);
      expect(await statusesShown(page, batch.batchId)).toEqual(expect.arrayContaining(["processing", "scheduled", "completed with failures"]));
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
