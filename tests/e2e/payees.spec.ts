import { readFile } from "node:fs/promises";
import { expect } from "@playwright/test";
import postgres from "postgres";
import { expectNoViolations, test } from "./helpers";

// Issue 17 in a real browser: a payee's account change needs someone else's approval and flags
// the open batch paying them; the approver sees why each flagged row is flagged; the audit
// export verifies on /audit, and a one-byte edit is caught.

const sql = postgres(`postgres://postgres:postgres@127.0.0.1:${process.env.E2E_PG_PORT}/payout_desk`, { max: 2, onnotice: () => {} });
const METHOD = "ph_bank_maya_php";

test.afterAll(async () => {
  await sql.end();
});

const userId = async (email: string) => (await sql<{ id: string }[]>`select id from users where email = ${email}`)[0]!.id;

test("the journey of a flagged batch: account change approved by someone else, the open batch flagged, the approver sees why", async ({ pageAs }) => {
  test.setTimeout(240_000); // three browsers signed in on a busy machine
  await expect.poll(async () => (await sql`select 1 from payout_methods where name = ${METHOD}`).length, { timeout: 60_000 }).toBe(1);
  const operatorId = await userId("operator@demo.test");
  const approverId = await userId("approver2@demo.test");
  const email = `maria.${Date.now()}@e2e.test`;
  const [payee] = await sql<{ id: string }[]>`
    insert into payees (method_name, name, email, params, status, created_by, approved_by, approved_at)
    values (${METHOD}, 'Maria Santos', ${email}, ${sql.json({ account_number: "111122223333", account_name: "Maria Santos", bank_code: "601" })}, 'active', ${operatorId}, ${approverId}, now())
    returning id`;
  // An open draft paying Maria twice the same amount, to her current account.
  const [batch] = await sql<{ id: string }[]>`
    insert into batches (status, method_name, currency, description, created_by, transaction_count)
    values ('draft', ${METHOD}, 'PHP', 'E2E flagged batch', ${operatorId}, 2) returning id`;
  for (const position of [0, 1]) {
    await sql`
      insert into transactions (batch_id, position, first_name, last_name, email, amount, raw_amount, params)
      values (${batch!.id}, ${position}, 'Maria', 'Santos', ${email}, '450.00', '450.00',
              ${sql.json({ account_number: "111122223333", account_name: "Maria Santos", bank_code: "601" })})`;
  }

  // The operator proposes new account details: nothing changes yet.
  const operator = await pageAs("operator@demo.test");
  await operator.goto(`/payees/${payee!.id}`);
  const change = operator.getByRole("form", { name: "Change details" });
  await change.getByLabel("Bank Account Number").fill("999988887777");
  await change.getByRole("button", { name: "Propose change" }).click();
  await expect(operator.getByTestId("payee-change")).toContainText("not in effect until someone else approves it");
  await expect(operator.getByRole("button", { name: "Approve change" })).toHaveCount(0);

  // The approver sees before → after (masked: approvers do not pay) and approves.
  const approver = await pageAs("approver@demo.test");
  await approver.goto(`/payees/${payee!.id}`);
  const proposed = approver.getByTestId("payee-change");
  await expect(proposed).toContainText("•••• 3333");
  await expect(proposed).toContainText("•••• 7777");
  await expect(approver.getByText("999988887777")).toHaveCount(0);
  await approver.getByRole("button", { name: "Approve change" }).click();
  // The outcome stays once the page has refreshed without the change (nothing left to decide).
  await expect(approver.getByTestId("payee-change")).toHaveCount(0);
  await expect(approver.getByRole("status").filter({ hasText: "1 open batch pays this payee and is now flagged" })).toBeVisible();
  await approver.screenshot({ path: "test-results/payee-change-approved.png", fullPage: true });

  // The operator submits the batch; the approver sees the flags and why each fired.
  // The two rows are deliberate duplicates (the flag below): the editor asks to keep them first.
  await operator.goto(`/batches/${batch!.id}`);
  await operator.getByLabel("Keep the flagged duplicates").check();
  await operator.getByRole("button", { name: "Submit for approval" }).click();
  await expect(operator.getByTestId("batch-status")).toHaveText("Pending approval");

  await approver.goto("/approvals");
  const row = approver.getByTestId("approval-queue-row").filter({ has: approver.getByRole("link", { name: /E2E flagged batch \(Review batch by/ }) });
  await expect(row.getByTestId("queue-flags")).toContainText("7 flags, 5 high");
  await expect(row.getByTestId("queue-flags")).toContainText("Likely duplicate");
  await approver.goto(`/batches/${batch!.id}`);
  const panel = approver.getByTestId("approval-panel");
  const summary = panel.getByTestId("risk-summary");
  await expect(summary).toContainText("Account differs from payee book × 2");
  await expect(summary).toContainText("Account details changed recently × 2");
  await expect(summary).toContainText("Likely duplicate");
  const reasons = panel.getByTestId("risk-flag");
  await expect(reasons.filter({ hasText: "Row 2: same payee and amount (450.00 PHP) as row 1 of this batch" })).toHaveCount(1);
  await expect(reasons.filter({ hasText: "account_number •••• 3333 in the row, •••• 7777 approved" })).toHaveCount(2);
  await expect(panel.getByTestId("payload-hash")).toContainText(/[0-9a-f]{64}/);
  await approver.screenshot({ path: `test-results/payees-flagged-batch.png`, fullPage: true });

  // The approver rejects it, quoting the flag.
  await approver.getByRole("button", { name: "Reject" }).click();
  const dialog = approver.getByRole("dialog", { name: "Reject this batch" });
  await dialog.getByLabel("Reason").fill("Account differs from the newly approved details");
  await dialog.getByRole("button", { name: "Reject batch" }).click();
  await expect(approver.getByTestId("batch-status")).toHaveText("Rejected");
});

test("an exported audit trail verifies on /audit, and a one-byte edit is caught", async ({ pageAs }, testInfo) => {
  test.setTimeout(180_000);
  const auditor = await pageAs("auditor@demo.test");
  await auditor.goto("/audit");
  const [download] = await Promise.all([auditor.waitForEvent("download"), auditor.getByRole("button", { name: "Export CSV" }).click()]);
  const original = testInfo.outputPath("audit.csv");
  await download.saveAs(original);
  await auditor.getByLabel("Verify an export").setInputFiles(original);
  await expect(auditor.getByTestId("verify-status")).toContainText(/Verified: All \d+ entries verify, in one unbroken chain/);

  const text = await readFile(original, "utf8");
  const at = text.indexOf("auth.sign_in");
  const edited = `${text.slice(0, at)}auth.sign_im${text.slice(at + "auth.sign_in".length)}`;
  await auditor.getByLabel("Verify an export").setInputFiles({ name: "edited.csv", mimeType: "text/csv", buffer: Buffer.from(edited) });
  await expect(auditor.getByTestId("verify-status")).toContainText(/Not verified: Line \d+ \(entry \d+, sequence \d+\) was edited/);
  await auditor.screenshot({ path: testInfo.outputPath("audit-verify.png") });
});

test("an operator pays from the payee book: 'Pay again', 'Add payees' and the picker on a row", async ({ pageAs }) => {
  await expect.poll(async () => (await sql`select 1 from payout_methods where name = ${METHOD}`).length, { timeout: 60_000 }).toBe(1);
  const operatorId = await userId("operator@demo.test");
  const approverId = await userId("approver2@demo.test");
  const run = Date.now();
  const book = [
    { name: "Lena Reyes", email: `lena.${run}@e2e.test`, account: `41${String(run).slice(-8)}` },
    { name: "Paolo de la Cruz", email: `paolo.${run}@e2e.test`, account: `52${String(run).slice(-8)}` },
  ];
  const ids: string[] = [];
  for (const payee of book) {
    const [row] = await sql<{ id: string }[]>`
      insert into payees (method_name, name, email, params, status, created_by, approved_by, approved_at)
      values (${METHOD}, ${payee.name}, ${payee.email}, ${sql.json({ account_number: payee.account, account_name: payee.name, bank_code: "601" })}, 'active', ${operatorId}, ${approverId}, now())
      returning id`;
    ids.push(row!.id);
  }
  const [lena, paolo] = book as [(typeof book)[number], (typeof book)[number]];

  // "Pay again" on Lena's page: a new batch of her method with a row paying her approved details.
  const page = await pageAs("operator@demo.test");
  await page.goto(`/payees/${ids[0]}`);
  await page.getByRole("link", { name: "Pay again" }).click();
  await expect(page).toHaveURL(new RegExp(`/batches/new\\?method=${METHOD}&payee=${ids[0]}`));
  await expect(page.getByText("Row 1 pays Lena Reyes")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByLabel("First name, row 1", { exact: true })).toHaveValue("Lena");
  await expect(page.getByLabel("Last name, row 1", { exact: true })).toHaveValue("Reyes");
  await expect(page.getByLabel("Email, row 1", { exact: true })).toHaveValue(lena.email);
  await expect(page.getByLabel("Bank Account Number, row 1", { exact: true })).toHaveValue(lena.account);
  await page.getByLabel("Amount, row 1", { exact: true }).fill("250.00");
  await page.getByLabel("Description").fill("Paid from the payee book");

  // "Add payees": search, tick, add: a row for Paolo, his details as approved.
  await page.getByRole("button", { name: "Add payees" }).click();
  const picker = page.getByRole("dialog", { name: "Add payees" });
  await picker.getByLabel("Find a payee").fill("paolo");
  await expect(picker.getByRole("status")).toHaveText("1 payee.");
  await expectNoViolations(page, "the Add payees dialog");
  await picker.getByRole("checkbox", { name: /Paolo de la Cruz/ }).check();
  await picker.getByRole("button", { name: "Add 1 payee" }).click();
  await expect(picker).toBeHidden();
  await expect(page.getByLabel("First name, row 2", { exact: true })).toHaveValue("Paolo");
  await expect(page.getByLabel("Last name, row 2", { exact: true })).toHaveValue("de la Cruz");
  await expect(page.getByLabel("Bank Account Number, row 2", { exact: true })).toHaveValue(paolo.account);
  await page.getByLabel("Amount, row 2", { exact: true }).fill("300.00");

  // The picker on a row, with the keyboard, by account number: row 3 pays Lena again.
  await page.getByRole("button", { name: "Add row" }).click();
  await page.getByLabel("Amount, row 3", { exact: true }).fill("275.00");
  await page.getByRole("button", { name: "Choose a payee for row 3" }).focus();
  await page.keyboard.press("Enter");
  const rowPicker = page.getByRole("dialog", { name: "Choose a payee for row 3" });
  await expect(rowPicker.getByLabel("Find a payee")).toBeFocused();
  await page.keyboard.type(lena.account.slice(0, 7));
  await expect(rowPicker.getByRole("status")).toHaveText("1 payee.");
  await page.keyboard.press("Tab");
  await expect(rowPicker.getByRole("button", { name: /Use Lena Reyes/ })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(rowPicker).toBeHidden();
  await expect(page.getByRole("button", { name: "Choose a payee for row 3" })).toBeFocused();
  await expect(page.getByLabel("Email, row 3", { exact: true })).toHaveValue(lena.email);
  await expect(page.getByLabel("Amount, row 3", { exact: true })).toHaveValue("275.00"); // kept
  await page.screenshot({ path: test.info().outputPath("editor-from-payee-book.png"), fullPage: true });

  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText(/Draft saved: 3 transactions/)).toBeVisible({ timeout: 30_000 });
  const saved = await sql<{ email: string; amount: string; account: string }[]>`
    select t.email, t.amount::text as amount, t.params->>'account_number' as account
    from transactions t join batches b on b.id = t.batch_id
    where b.description = 'Paid from the payee book' and b.created_by = ${operatorId} order by t.position`;
  expect(saved).toEqual([
    { email: lena.email, amount: "250.00", account: lena.account },
    { email: paolo.email, amount: "300.00", account: paolo.account },
    { email: lena.email, amount: "275.00", account: lena.account },
  ]);
});
