import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import Papa from "papaparse";
import postgres from "postgres";
import { signInAs } from "./helpers";

// Issue 8: an auditor finds payouts by filter, exports them (the file holds what the screen
// shows), and reads the trail; an admin manages users. History rows are written straight into
// the e2e database: the batch editor and approvals have their own specs.

const sql = postgres(`postgres://postgres:postgres@127.0.0.1:${process.env.E2E_PG_PORT}/payout_desk`, { max: 1, onnotice: () => {} });
// Unique per worker start, so a retried file seeds its own rows rather than doubling the first ones.
const DOMAIN = `history-${Date.now().toString(36)}.test`;

async function seedBatch(input: { method: string; currency: string; status: string; at: string; description: string; rows: [string, string, string, string, string | null, string | null][] }) {
  const [maker] = await sql<{ id: string }[]>`select id from users where email = 'operator@demo.test'`;
  const [approver] = await sql<{ id: string }[]>`select id from users where email = 'approver@demo.test'`;
  const id = randomUUID();
  await sql`insert into batches (id, status, method_name, currency, description, created_by, created_at)
    values (${id}, ${input.status}, ${input.method}, ${input.currency}, ${input.description}, ${maker!.id}, ${input.at})`;
  for (const [position, [first, last, email, amount, status, failure]] of input.rows.entries()) {
    await sql`insert into transactions (batch_id, position, first_name, last_name, email, amount, provider_status, failure_reason, created_at)
      values (${id}, ${position}, ${first}, ${last}, ${email}, ${amount}, ${status}, ${failure}, ${input.at})`;
  }
  await sql`update batches set total_amount = t.total, transaction_count = t.n, failed_count = t.failed
    from (select sum(amount) as total, count(*)::int as n, count(*) filter (where provider_status = 'failed')::int as failed from transactions where batch_id = ${id}) t
    where id = ${id}`;
  if (input.status === "completed") await sql`insert into approvals (batch_id, approver_id, batch_version) values (${id}, ${approver!.id}, 1)`;
}

test.beforeAll(async () => {
  await sql`insert into payout_methods (name, currency, label) values ('ph_bank_maya_php', 'PHP', 'PHP Bank Maya'), ('ca_interac_cad', 'CAD', 'Interac CAD') on conflict do nothing`;
  await seedBatch({
    method: "ph_bank_maya_php", currency: "PHP", status: "completed", at: "2026-03-02T10:00:00Z", description: "March driver payouts",
    rows: [
      ["Maria", "Santos", `maria.santos@${DOMAIN}`, "1250.50", "settled", null],
      ["=SUM(1+1)", "Reyes", `jose.reyes@${DOMAIN}`, "980.00", "failed", "Beneficiary account does not exist"],
      ["Ana", "Cruz, Jr.", `ana.cruz@${DOMAIN}`, "15000.00", "settled", null],
    ],
  });
  await seedBatch({ method: "ca_interac_cad", currency: "CAD", status: "completed", at: "2026-03-05T10:00:00Z", description: "Contractors", rows: [["Liam", "Tremblay", `liam@${DOMAIN}`, "300.00", "settled", null]] });
  await seedBatch({ method: "ph_bank_maya_php", currency: "PHP", status: "pending_approval", at: "2026-03-09T10:00:00Z", description: "April advance", rows: [["Wei", "Tan", `wei.tan@${DOMAIN}`, "75.25", null, null]] });
});
test.afterAll(async () => sql.end());

/** The rows on screen as the export writes them: payee name, email, amount. */
async function screenRows(page: Page): Promise<string[][]> {
  const rows = page.getByTestId("history-row");
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    out.push([await row.locator('[data-cell="payee"]').innerText(), await row.locator('[data-cell="email"]').innerText(), (await row.locator('[data-cell="amount"]').getAttribute("data-amount")) ?? ""]);
  }
  return out;
}

test("an auditor filters history, exports it, and the file's rows match the screen", async ({ page }) => {
  await signInAs(page, "auditor@demo.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("heading", { name: "History" })).toBeVisible();

  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByLabel("Search").fill(DOMAIN);
  await filters.getByLabel("Method").selectOption("ph_bank_maya_php");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/method=ph_bank_maya_php/);
  await expect(page.getByTestId("history-row")).toHaveCount(4);

  await filters.getByLabel("Transaction status").selectOption("settled");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/status=settled/);
  await expect(page.getByTestId("history-row")).toHaveCount(2);
  await page.screenshot({ path: test.info().outputPath("history-transactions.png"), fullPage: true });
  const onScreen = await screenRows(page);
  // One batch, one timestamp: its rows keep their batch order (Maria is row 1, Ana row 3).
  expect(onScreen).toEqual([
    ["Maria Santos", `maria.santos@${DOMAIN}`, "1250.50"],
    ["Ana Cruz, Jr.", `ana.cruz@${DOMAIN}`, "15000.00"],
  ]);

  // The export honours the filters and the file holds exactly those rows.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const file = await (await download).path();
  await expect(page.getByTestId("export-status")).toHaveText("Exported 2 rows");
  const [header, ...records] = Papa.parse<string[]>((await readFile(file, "utf8")).trimEnd(), { newline: "\r\n" }).data;
  const col = (name: string) => header!.indexOf(name);
  // The file against the screen, in order.
  expect(records.map((record) => [record[col("Payee name")], record[col("Email")], record[col("Amount")]])).toEqual(onScreen);
  expect(records.every((record) => record[col("Method")] === "ph_bank_maya_php" && record[col("Transaction status")] === "settled")).toBe(true);

  // The wide table's optional columns can be hidden (and shown again); payee and amount always show.
  await page.getByText("Columns", { exact: true }).click();
  await page.getByRole("group", { name: "Columns shown" }).getByLabel("Email").uncheck();
  await expect(page.getByTestId("history-row").first().locator("[data-col=email]")).toBeHidden();
  await expect(page.getByTestId("history-row").first().locator("[data-cell=payee]")).toBeVisible();
  await page.getByRole("group", { name: "Columns shown" }).getByLabel("Email").check();
  await expect(page.getByTestId("history-row").first().locator("[data-col=email]")).toBeVisible();

  // Back restores the previous filters (they live in the URL), and the formula payee is exported inert.
  await page.goBack();
  await expect(page.getByTestId("history-row")).toHaveCount(4);
  await expect(filters.getByLabel("Transaction status")).toHaveValue("");
  await filters.getByLabel("Transaction status").selectOption("failed");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByTestId("history-row")).toHaveCount(1);
  await expect(page.getByTestId("history-row")).toContainText("Beneficiary account does not exist");
  const failedDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const failedFile = await readFile(await (await failedDownload).path(), "utf8");
  expect(failedFile).toContain("'=SUM(1+1) Reyes");

  // The batch view shows the same filters over batches.
  await page.getByRole("navigation", { name: "History view" }).getByRole("link", { name: "Batches" }).click();
  await expect(page).toHaveURL(/view=batches/);
  await expect(page.getByTestId("history-row")).toHaveCount(1);
  await expect(page.getByTestId("history-row")).toContainText("March driver payouts");
  await page.screenshot({ path: test.info().outputPath("history-batches.png"), fullPage: true });

  // The exports are in the audit trail, with who and how many rows.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
  // Wait for the audit page: "Action" would also match the history page's "Transaction status".
  await expect(page).toHaveURL(/\/audit$/);
  await page.getByRole("form", { name: "Filters" }).getByLabel("Action", { exact: true }).selectOption("history.export");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByTestId("audit-row").first()).toContainText("auditor@demo.test");
  await expect(page.getByTestId("audit-row").first()).toContainText(/rows:\s*1(?!\d)/);
  await page.screenshot({ path: test.info().outputPath("audit.png"), fullPage: true });
});

test("a bad filter in a shared link is named, not silently ignored", async ({ page }) => {
  await signInAs(page, "auditor@demo.test");
  await page.goto("/history?minAmount=1,000&from=2026-02-30");
  await expect(page.getByText("Use a plain amount like 1000.50 (no commas or currency)")).toBeVisible();
  await expect(page.getByText("Not a real date")).toBeVisible();
  await expect(page.getByText("Fix the highlighted filters to see results.")).toBeVisible();
  await expect(page.getByTestId("history-row")).toHaveCount(0);
});

test("an operator cannot open /audit or /history, or export", async ({ page }) => {
  await signInAs(page, "operator@demo.test");
  expect((await page.goto("/audit"))?.status()).toBe(403);
  expect((await page.goto("/history"))?.status()).toBe(403);
  expect((await page.request.get("/api/export/audit")).status()).toBe(403);
});

test("an admin creates a user, who can sign in, then deactivates them; the last admin stays", async ({ page, browser }) => {
  await signInAs(page, "admin@demo.test");
  await page.goto("/admin");
  await page.getByRole("link", { name: /Users/ }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);

  const form = page.getByRole("form", { name: "Add user" });
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByText("Enter an email address")).toBeVisible();
  await expect(form.getByText("Pick at least one role")).toBeVisible();
  await form.getByLabel("Email").fill("new.auditor@example.com");
  await form.getByLabel("Name").fill("Nia Newcomer");
  await form.getByLabel("Auditor").check();
  await form.getByLabel("Password").fill("correct-horse-battery");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByRole("status")).toContainText("Added new.auditor@example.com");
  const row = page.locator('[data-testid="user-row"][data-email="new.auditor@example.com"]');
  await expect(row).toContainText("Auditor");
  await page.screenshot({ path: test.info().outputPath("admin-users.png"), fullPage: true });

  const other = await browser.newPage();
  await signInAs(other, "new.auditor@example.com", "correct-horse-battery");
  await expect(other.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" })).toBeVisible();

  await row.getByRole("button", { name: "Manage new.auditor@example.com" }).click();
  const dialog = page.getByRole("dialog", { name: "Nia Newcomer" });
  await dialog.getByRole("button", { name: "Deactivate" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Deactivated.");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(row.getByTestId("user-status")).toHaveText("Deactivated");

  // The deactivated user's open session ends at their next request.
  await other.goto("/history");
  await expect(other).toHaveURL(/\/login/);
  await other.close();

  // The only admin cannot deactivate themselves.
  const me = page.locator('[data-testid="user-row"][data-email="admin@demo.test"]');
  await me.getByRole("button", { name: "Manage admin@demo.test" }).click();
  const myDialog = page.getByRole("dialog", { name: "Adam Admin" });
  await myDialog.getByRole("button", { name: "Deactivate" }).click();
  await expect(myDialog.getByRole("alert")).toContainText("last active admin");
  await page.screenshot({ path: test.info().outputPath("manage-user-dialog.png") });

  // Every change is in the audit trail.
  await page.goto("/audit?action=user.");
  const trail = page.getByTestId("audit-row").filter({ hasText: "new.auditor@example.com" });
  await expect(trail.filter({ hasText: "user.deactivate" })).toHaveCount(1);
  await expect(trail.filter({ hasText: "user.create" })).toHaveCount(1);
});
