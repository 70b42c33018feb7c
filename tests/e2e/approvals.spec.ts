import { expect } from "@playwright/test";
import postgres from "postgres";
import { approveOnBatchPage, insertDraft, submitForApproval, test } from "./helpers";

// Maker-checker and submission in a real browser against `npm start` (embedded Postgres and the
// simulator). Drafts are written straight to the database; the operator submits them for
// approval through the batch page, as they would after saving a draft.

const sql = postgres(`postgres://postgres:postgres@127.0.0.1:${process.env.E2E_PG_PORT}/payout_desk`, { max: 2, onnotice: () => {} });
const simulatorUrl = `http://127.0.0.1:${process.env.E2E_SIMULATOR_PORT}`;
const METHOD = "ph_bank_maya_php";

test.afterAll(async () => {
  await sql.end();
});

/** The catalogue is synced from the simulator by a job at first start: wait for our method. */
async function waitForMethod(): Promise<void> {
  await expect.poll(async () => (await sql`select 1 from payout_methods where name = ${METHOD}`).length, { timeout: 60_000 }).toBe(1);
}

async function simulatorPayoutsFor(batchId: string): Promise<{ uuid: string }[]> {
  const { records } = (await (await fetch(`${simulatorUrl}/__control/payouts`)).json()) as { records: { uuid: string; external_id: string }[] };
  return records.filter((payout) => payout.external_id === batchId);
}

test("an approver's approval sends the operator's batch to Hello Clever once; the operator cannot approve it", async ({ pageAs }) => {
  const batchId = await insertDraft("operator@demo.test", ["250.00", "1200.50"]);
  const operator = await pageAs("operator@demo.test");
  await submitForApproval(operator, batchId);

  const panel = operator.getByTestId("approval-panel");
  await expect(panel.getByTestId("approval-count")).toHaveText("0 of 1 approval");
  await expect(panel.getByText("You made this batch, so you cannot approve it.")).toBeVisible();
  await expect(operator.getByRole("button", { name: "Approve", exact: true })).toHaveCount(0);

  // The approver's browser knows the approve action's id; capture one request and drop it.
  const approver = await pageAs("approver@demo.test");
  await approver.goto(`/batches/${batchId}`);
  await expect(approver.getByText("Hello Clever available (PHP)")).toBeVisible();
  let forged: { url: string; headers: Record<string, string>; body: string } | null = null;
  await approver.route(`**/batches/${batchId}`, async (route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"]) {
      forged = { url: request.url(), headers: request.headers(), body: request.postData() ?? "" };
      return route.abort();
    }
    return route.continue();
  });
  await approveOnBatchPage(approver);
  await expect.poll(() => forged !== null).toBe(true);
  await approver.unrouteAll({ behavior: "ignoreErrors" });

  // The same request, sent with the operator's session: the server refuses it.
  const captured = forged as unknown as { url: string; headers: Record<string, string>; body: string };
  const response = await operator.request.post(captured.url, {
    headers: { "next-action": captured.headers["next-action"]!, "content-type": captured.headers["content-type"]!, accept: "text/x-component" },
    data: captured.body,
  });
  expect(await response.text()).toContain("You do not have permission to do that");
  expect((await sql`select status from batches where id = ${batchId}`)[0]!.status).toBe("pending_approval");
  expect(await sql`select 1 from approvals where batch_id = ${batchId}`).toHaveLength(0);

  await approver.reload();
  await approveOnBatchPage(approver);
  // The confirmation stays on screen while live refreshes move the batch on.
  await expect(approver.getByRole("status").filter({ hasText: "Approved. Sending it to Hello Clever now." })).toBeVisible();
  await expect(approver.getByTestId("batch-status")).toHaveText(/Submitted|Processing|Scheduled|Completed/, { timeout: 60_000 });
  await expect(approver.getByRole("status").filter({ hasText: "Approved. Sending it to Hello Clever now." })).toBeVisible();
  const payouts = await simulatorPayoutsFor(batchId);
  expect(payouts).toHaveLength(1);
  const [row] = await sql<{ provider_uuid: string }[]>`select provider_uuid from batches where id = ${batchId}`;
  expect(row!.provider_uuid).toBe(payouts[0]!.uuid);
  await expect(approver.getByTestId("approval-count")).toHaveText("1 of 1 approval");
});

test("a batch above the threshold needs a second approval from someone else", async ({ pageAs }) => {
  const batchId = await insertDraft("operator2@demo.test", ["6000.00", "6000.00"]);
  const operator = await pageAs("operator2@demo.test");
  await submitForApproval(operator, batchId);
  await expect(operator.getByTestId("approval-count")).toHaveText("0 of 2 approvals");

  const first = await pageAs("approver@demo.test");
  await first.goto("/approvals");
  await first.getByRole("link", { name: /Review batch by Omar Operator/ }).first().click();
  await expect(first).toHaveURL(new RegExp(`/batches/[0-9a-f-]{36}`));
  await first.goto(`/batches/${batchId}`);
  await approveOnBatchPage(first);
  await expect(first.getByText("Approved: 1 of 2 approvals. It now waits for someone else.")).toBeVisible();
  await expect(first.getByTestId("approval-count")).toHaveText("1 of 2 approvals");
  await expect(first.getByTestId("approvers")).toContainText("Ava Approver");
  await expect(first.getByText("You approved this batch")).toBeVisible();
  await expect(first.getByRole("button", { name: "Approve", exact: true })).toHaveCount(0);
  await expect(first.getByTestId("batch-status")).toHaveText("Pending approval");
  expect(await simulatorPayoutsFor(batchId)).toHaveLength(0);

  const second = await pageAs("approver2@demo.test");
  await second.goto(`/batches/${batchId}`);
  await approveOnBatchPage(second);
  await expect(second.getByText("Approved. Sending it to Hello Clever now.")).toBeVisible();
  await expect.poll(async () => (await simulatorPayoutsFor(batchId)).length, { timeout: 60_000 }).toBe(1);
  await second.reload();
  await expect(second.getByTestId("approvers")).toContainText("Arjun Approver");
  await expect(second.getByTestId("approval-count")).toHaveText("2 of 2 approvals");
});

test("a rejection needs a reason, and the maker sees it", async ({ pageAs }) => {
  const batchId = await insertDraft("operator@demo.test", ["300.00"]);
  const operator = await pageAs("operator@demo.test");
  await submitForApproval(operator, batchId);

  const approver = await pageAs("approver@demo.test");
  await approver.goto(`/batches/${batchId}`);
  await approver.getByRole("button", { name: "Reject" }).click();
  const dialog = approver.getByRole("dialog", { name: "Reject this batch" });
  await dialog.getByRole("button", { name: "Reject batch" }).click();
  await expect(dialog.getByText("Reason: say why, in at least 5 characters")).toBeVisible();
  await dialog.getByLabel("Reason").fill("The amounts are last month's");
  await dialog.getByRole("button", { name: "Reject batch" }).click();
  await expect(approver.getByTestId("batch-status")).toHaveText("Rejected");
  await expect(approver.getByText("Rejected. The maker sees your reason.")).toBeVisible();

  await operator.reload();
  await expect(operator.getByTestId("batch-status")).toHaveText("Rejected");
  const rejection = operator.getByTestId("rejection");
  await expect(rejection).toContainText("Rejected by Ava Approver");
  await expect(rejection).toContainText("The amounts are last month's");
  expect(await simulatorPayoutsFor(batchId)).toHaveLength(0);
});

test("admins set a currency's two-approval threshold; others cannot", async ({ pageAs }) => {
  const admin = await pageAs("admin@demo.test");
  await waitForMethod();
  await admin.goto("/admin/thresholds");
  const row = admin.getByTestId("threshold-THB");
  await expect(row).toContainText("THB 10,000.00");
  await row.getByLabel("New threshold for THB").fill("1,000");
  await row.getByRole("button", { name: "Set" }).click();
  await expect(row.getByText(/^Amount:/)).toBeVisible();
  await row.getByLabel("New threshold for THB").fill("5000");
  await row.getByRole("button", { name: "Set" }).click();
  await expect(row).toContainText("THB 5,000.00");
  await expect(row).toContainText("admin@demo.test");

  const approver = await pageAs("approver@demo.test");
  await approver.goto("/admin/thresholds");
  await expect(approver.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
});
