import { expect } from "@playwright/test";
import postgres from "postgres";
import { test } from "./helpers";

// Issue 16: what happened to the money, said plainly, and failures one click to act on.
// Batches are written straight to the database in the state each test starts from.

const sql = postgres(`postgres://postgres:postgres@127.0.0.1:${process.env.E2E_PG_PORT}/payout_desk`, { max: 2, onnotice: () => {} });
const METHOD = "ph_bank_maya_php";

test.afterAll(async () => {
  await sql.end();
});

type Row = { amount: string; status?: "settled" | "failed" | null; failure?: string };

async function insertBatch(makerEmail: string, status: string, rows: Row[], description = `Follow-up ${status}`): Promise<string> {
  await expect.poll(async () => (await sql`select 1 from payout_methods where name = ${METHOD}`).length, { timeout: 60_000 }).toBe(1);
  const total = rows.reduce((sum, row) => sum + Math.round(Number(row.amount) * 100), 0) / 100;
  const failed = rows.filter((row) => row.status === "failed").length;
  const [batch] = await sql<{ id: string }[]>`
    insert into batches (status, method_name, currency, description, created_by, total_amount, transaction_count, failed_count, approvals_needed,
                         submitted_for_approval_at, provider_uuid, rejection_reason)
    select ${status}, ${METHOD}, 'PHP', ${description}, id, ${total.toFixed(2)}, ${rows.length}, ${failed}, 1,
           ${status === "draft" ? null : new Date()}, ${["completed", "expired"].includes(status) ? crypto.randomUUID() : null},
           ${status === "rejected" ? "Wrong month" : null}
    from users where email = ${makerEmail} returning id`;
  for (const [index, row] of rows.entries()) {
    await sql`
      insert into transactions (batch_id, position, first_name, last_name, email, amount, raw_amount, params, provider_status, failure_reason)
      values (${batch!.id}, ${index}, ${`Rosa${index + 1}`}, 'Lim', ${`rosa${index + 1}@example.org`}, ${row.amount}, ${row.amount},
              ${sql.json({ account_number: `55501${index}`.padEnd(10, "7"), account_name: "Rosa Lim", bank_code: "601" })}, ${row.status ?? null}, ${row.failure ?? null})`;
  }
  return batch!.id;
}

test("a completed batch with a failure reads 'Completed with failures'; the failed row becomes a new draft in two clicks", async ({ pageAs }) => {
  const id = await insertBatch("operator@demo.test", "completed", [
    { amount: "250.00", status: "settled" },
    { amount: "980.00", status: "failed", failure: "Beneficiary account does not exist" },
    { amount: "300.00", status: "settled" },
  ]);
  const page = await pageAs("operator2@demo.test");

  // The list, filtered through the URL (a reload keeps it).
  await page.goto("/batches?status=completed");
  await page.reload();
  await expect(page.getByLabel("Status")).toHaveValue("completed");
  const row = page.locator(`[data-testid=batch-row][data-batch-id="${id}"]`);
  await expect(row.getByTestId("batch-status")).toHaveText("Completed with failures");
  await expect(row.getByTestId("batch-outcome")).toHaveText("2 paid · 1 failed · PHP 550.00 paid");

  await page.goto(`/batches/${id}`);
  await expect(page.getByTestId("batch-status")).toHaveText("Completed with failures");
  await expect(page.getByTestId("batch-outcome")).toHaveText("2 paid · 1 failed · PHP 550.00 paid");
  await page.getByRole("link", { name: "Show failed only (1)" }).click();
  await expect(page.getByTestId("transaction-row")).toHaveCount(1);
  await expect(page.getByTestId("transaction-row")).toContainText("Beneficiary account does not exist");

  await page.getByRole("button", { name: "New batch from failed rows (1)" }).click();
  await expect(page).toHaveURL(/\/batches\/[0-9a-f-]{36}$/);
  await expect(page).not.toHaveURL(new RegExp(id));
  await expect(page.getByRole("heading", { name: "Edit draft" })).toBeVisible();
  await expect(page.getByTestId("copied-from")).toContainText(`Made from the failed rows of batch ${id.slice(0, 8)}`);
  await expect(page.getByTestId("previous-failures")).toContainText("Row 1, Rosa2 Lim: Beneficiary account does not exist");
  const copyId = page.url().split("/").at(-1)!;
  const [copy] = await sql<{ transaction_count: number; total_amount: string; created_by_email: string }[]>`
    select b.transaction_count, b.total_amount::text, u.email as created_by_email from batches b join users u on u.id = b.created_by where b.id = ${copyId}`;
  expect(copy).toEqual({ transaction_count: 1, total_amount: "980.00", created_by_email: "operator2@demo.test" });

  // Linked both ways.
  await page.getByTestId("copied-from").getByRole("link").click();
  await expect(page.getByTestId("copies")).toContainText(`New batch from failed rows: ${copyId.slice(0, 8)}`);
});

test("an expired batch offers 'New batch from this one', a copy with a new id", async ({ pageAs }) => {
  const id = await insertBatch("operator@demo.test", "expired", [
    { amount: "400.00", status: "failed", failure: "Payout expired" },
  ]);
  const page = await pageAs("operator@demo.test");
  await page.goto(`/batches/${id}`);
  await expect(page.getByTestId("batch-status")).toHaveText("Expired");
  await expect(page.getByTestId("transaction-status")).toHaveText("Expired");
  await expect(page.getByText("Not with Hello Clever yet: it is sent once approved.")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Duplicate batch" })).toHaveCount(0);
  await page.getByRole("button", { name: "New batch from this one" }).click();
  await expect(page.getByRole("heading", { name: "Edit draft" })).toBeVisible();
  expect(page.url()).not.toContain(id);
});

test("a rejected batch's maker edits and resubmits it; a pending batch's maker withdraws it to draft", async ({ pageAs }) => {
  const rejected = await insertBatch("operator@demo.test", "rejected", [{ amount: "700.00" }]);
  const pending = await insertBatch("operator@demo.test", "pending_approval", [{ amount: "800.00" }]);
  const page = await pageAs("operator@demo.test");

  await page.goto(`/batches/${rejected}`);
  await expect(page.getByText("Never sent to Hello Clever: the batch was rejected.")).toBeVisible();
  await expect(page.getByText("Not with Hello Clever yet: it is sent once approved.")).toHaveCount(0);
  await page.getByRole("button", { name: "Edit and resubmit" }).click();
  await expect(page.getByRole("heading", { name: "Edit draft" })).toBeVisible();
  await expect(page.getByTestId("copied-from")).toContainText(`New version of rejected batch ${rejected.slice(0, 8)}`);

  await page.goto(`/batches/${pending}`);
  await page.getByRole("button", { name: "Withdraw", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Withdraw this batch?" });
  await dialog.getByRole("button", { name: "Withdraw batch" }).click();
  await expect(page.getByRole("heading", { name: "Edit draft" })).toBeVisible();
  expect((await sql`select status from batches where id = ${pending}`)[0]!.status).toBe("draft");

  // Someone else sees neither button.
  const other = await pageAs("operator2@demo.test");
  await other.goto(`/batches/${rejected}`);
  await expect(other.getByRole("button", { name: "Edit and resubmit" })).toHaveCount(0);
  await expect(other.getByRole("button", { name: "Duplicate batch" })).toBeVisible();
});

test("a draft shows the approvals it will need at its total", async ({ pageAs }) => {
  const id = await insertBatch("operator@demo.test", "draft", [{ amount: "9000.00" }, { amount: "9000.00" }]);
  const page = await pageAs("admin@demo.test");
  await page.goto(`/batches/${id}`);
  await expect(page.getByTestId("approvals-needed")).toHaveText("needs 2 approvals");
});

test("times show in the zone chosen on the user menu, and it is remembered", async ({ pageAs }) => {
  const id = await insertBatch("operator@demo.test", "completed", [{ amount: "9000.00", status: "settled" }], "Time zone batch");
  const page = await pageAs("auditor@demo.test");
  await page.goto("/batches");
  const created = page.locator(`[data-testid=batch-row][data-batch-id="${id}"] time`).first();
  await expect(created).toBeVisible();
  await page.getByLabel("Time zone").selectOption("Asia/Manila");
  // Exact to the second in the chosen zone, UTC beside, on hover; without a reload.
  await expect(created).toHaveAttribute("title", /GMT\+8 \(.* UTC\)$/);
  await page.reload();
  await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Manila");
  await expect(created).toHaveAttribute("title", /GMT\+8 \(.* UTC\)$/);
  await page.getByLabel("Time zone").selectOption("UTC");
  await expect(created).toHaveAttribute("title", /^\d+ \w+ \d{4}, [\d:]+ UTC$/);
});

test("'Scheduled at' is typed in the zone chosen on the user menu, and saved as that instant", async ({ pageAs }) => {
  const page = await pageAs("operator2@demo.test");
  await page.goto("/batches/new");
  await page.getByLabel("Time zone").selectOption("Asia/Manila");
  await page.getByLabel("Payout method").selectOption(METHOD);
  await page.getByLabel("Description").fill("Scheduled in Manila time");
  await page.getByLabel("Scheduled at").fill("2030-01-31T17:00");
  await expect(page.getByText("Optional. Your time (Asia/Manila); sent as 2030-01-31 09:00 UTC.")).toBeVisible();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText(/^Draft saved/)).toBeVisible({ timeout: 30_000 });
  const [saved] = await sql<{ at: string }[]>`select to_char(scheduled_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as at from batches where description = 'Scheduled in Manila time'`;
  expect(saved?.at).toBe("2030-01-31 09:00");
  // Read back in the zone it was typed in.
  await page.reload();
  await expect(page.getByLabel("Scheduled at")).toHaveValue("2030-01-31T17:00");
});

test("operators find a batch by a payee's account number", async ({ pageAs }) => {
  const id = await insertBatch("operator@demo.test", "completed", [{ amount: "210.00", status: "settled" }], "Account search batch");
  const [row] = await sql<{ account: string }[]>`select params->>'account_number' as account from transactions where batch_id = ${id}`;
  const page = await pageAs("operator2@demo.test");
  await page.goto("/batches");
  await page.getByLabel("Payee").fill(row!.account);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${row!.account}`));
  await expect(page.locator(`[data-testid=batch-row][data-batch-id="${id}"]`)).toBeVisible();
});
