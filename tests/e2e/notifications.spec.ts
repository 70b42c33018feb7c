import http from "node:http";
import { expect } from "@playwright/test";
import postgres from "postgres";
import { Webhook } from "standardwebhooks";
import { approveOnBatchPage, test } from "./helpers";

// Issue 18 end to end on npm start defaults: an API key made at /admin/api-keys creates a batch;
// approvers see it on the bell and get mail (/admin/outbox); an endpoint registered at
// /admin/webhooks receives a signed batch.completed.

const sql = postgres(`postgres://postgres:postgres@127.0.0.1:${process.env.E2E_PG_PORT}/payout_desk`, { max: 2, onnotice: () => {} });
test.afterAll(async () => sql.end());

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    first_name: `Payee${i + 1}`,
    last_name: "Santos",
    email: `payee${i + 1}@example.org`,
    amount: "200.00",
    external_id: `api-${i + 1}`,
    params: { account_number: `7000${String(i).padStart(6, "0")}`, account_name: "Payee Santos", bank_code: "600" },
  }));

test("an API key's batch reaches approvers (bell + mail) and its completion a signed webhook", async ({ pageAs }) => {
  test.setTimeout(480_000);
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const receiver = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const port = (receiver.address() as { port: number }).port;

  try {
    const admin = await pageAs("admin@demo.test");
    // An API key, shown once.
    await admin.goto("/admin/api-keys");
    await admin.getByLabel("Name").fill("Payroll system");
    await admin.getByRole("button", { name: "Create key" }).click();
    const key = (await admin.getByTestId("new-api-key").textContent({ timeout: 30_000 }))!.trim();
    expect(key).toMatch(/^pdk_/);
    // A webhook endpoint for batch.completed; its secret, shown once.
    await admin.goto("/admin/webhooks");
    await admin.getByLabel("URL").fill(`http://127.0.0.1:${port}/hooks`);
    await admin.getByRole("button", { name: "Add endpoint" }).click();
    const whsec = (await admin.getByTestId("new-webhook-secret").textContent({ timeout: 30_000 }))!.trim();
    expect(whsec).toMatch(/^whsec_/);

    const approver = await pageAs("approver@demo.test");
    await approver.goto("/batches");

    // The script: 1,000 rows straight to pending approval; the same call again gets the same batch.
    const call = () =>
      approver.request.fetch("/api/v1/batches", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "idempotency-key": "e2e-payroll-1", "content-type": "application/json" },
        data: JSON.stringify({ method: "ph_bank_maya_php", description: "Payroll from the API", submit: true, transactions: rows(1000) }),
      });
    const first = await call();
    expect(first.status(), await first.text()).toBe(201);
    const created = (await first.json()) as { data: { id: string; status: string } };
    expect(created.data.status).toBe("pending_approval");
    const again = await call();
    expect(((await again.json()) as { data: { id: string } }).data.id).toBe(created.data.id);

    // The bell counts it without a reload (the page was loaded before the batch existed): it shows
    // the approver's unread count, which now includes this batch's notification.
    const unreadFor = async (email: string, batchId?: string) =>
      (await sql<{ n: number }[]>`select count(*)::int as n from notifications n join users u on u.id = n.user_id
        where u.email = ${email} and n.read_at is null and (${batchId ?? null}::uuid is null or (n.batch_id = ${batchId ?? null} and n.kind = 'approval_waiting'))`)[0]!.n;
    await expect.poll(() => unreadFor("approver@demo.test", created.data.id), { timeout: 30_000 }).toBe(1);
    await expect(async () => {
      await expect(approver.getByTestId("notification-count")).toHaveText(String(await unreadFor("approver@demo.test")), { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await approver.getByTestId("notification-bell").click();
    await expect(approver.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible({ timeout: 30_000 });
    await expect(approver.getByTestId("notification-list").getByRole("link", { name: "A batch waits for your approval" }).first()).toHaveAttribute("href", `/batches/${created.data.id}`);

    // The mail, at /admin/outbox.
    await expect(async () => {
      await admin.goto("/admin/outbox");
      await expect(admin.getByTestId("outbox-message").filter({ hasText: "approver@demo.test" }).filter({ hasText: "A batch waits for your approval" }).first()).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });

    // Approve (twice when the total needs two approvers); the simulator completes it.
    for (const email of ["approver@demo.test", "approver2@demo.test"]) {
      const [row] = await sql<{ status: string }[]>`select status from batches where id = ${created.data.id}`;
      if (row?.status !== "pending_approval") break;
      const page = email === "approver@demo.test" ? approver : await pageAs(email);
      await page.goto(`/batches/${created.data.id}`);
      await approveOnBatchPage(page);
      await expect.poll(async () => (await sql`select count(*)::int as n from approvals where batch_id = ${created.data.id}`)[0]!.n, { timeout: 20_000 }).toBeGreaterThan(email === "approver@demo.test" ? 0 : 1);
    }
    await expect.poll(() => received.length, { timeout: 90_000 }).toBeGreaterThan(0);
    const delivery = received[0]!;
    const payload = new Webhook(whsec).verify(delivery.body, {
      "webhook-id": String(delivery.headers["webhook-id"]),
      "webhook-timestamp": String(delivery.headers["webhook-timestamp"]),
      "webhook-signature": String(delivery.headers["webhook-signature"]),
    }) as { type: string; data: { batch: { id: string; status: string; transaction_count: number } } };
    expect(payload.type).toBe("batch.completed");
    expect(payload.data.batch).toMatchObject({ id: created.data.id, status: "completed", transaction_count: 1000 });

    // The endpoint's page lists the attempt.
    await admin.goto("/admin/webhooks");
    await admin.getByRole("link", { name: `http://127.0.0.1:${port}/hooks` }).click();
    await expect(admin.getByTestId("webhook-delivery").first()).toContainText("batch.completed", { timeout: 30_000 });
    await expect(admin.getByTestId("delivery-status").first()).toHaveText("succeeded", { timeout: 30_000 });
    await admin.screenshot({ path: "test-results/notify-webhooks.png", fullPage: true });
    await approver.goto("/notifications");
    await approver.screenshot({ path: "test-results/notify-notifications.png", fullPage: true });
  } finally {
    receiver.close();
  }
});
