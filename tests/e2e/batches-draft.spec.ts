import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";

// Maya (simulator catalogue): PHP, 200..50,000, banks 600.. (GCASH, MAYA, ...), fields account_number, account_name, bank_code.
const METHOD = "ph_bank_maya_php";
const HEADER = "first_name,last_name,email,amount,external_id,account_number,account_name,bank_code";

/** /batches/new with the method chosen; the catalogue syncs in the background on first start, so wait for it. */
async function openNewBatch(page: Page, description: string) {
  await expect(async () => {
    await page.goto("/batches/new");
    await expect(page.getByLabel("Payout method")).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 60_000 });
  await page.getByLabel("Payout method").selectOption(METHOD);
  await page.getByLabel("Description").fill(description);
}

function field(page: Page, label: string, row: number) {
  return page.getByLabel(`${label}, row ${row}`, { exact: true });
}

async function fillRow(page: Page, row: number, values: { first: string; last: string; email: string; amount: string; account: string; bank: string }) {
  await field(page, "First name", row).fill(values.first);
  await field(page, "Last name", row).fill(values.last);
  await field(page, "Email", row).fill(values.email);
  await field(page, "Amount", row).fill(values.amount);
  await field(page, "Bank Account Number", row).fill(values.account);
  await field(page, "Account Holder Name", row).fill(`${values.first} ${values.last}`);
  await field(page, "Bank Code", row).fill(values.bank);
}

test.describe("drafting a batch", () => {
  test("by hand and from a CSV with bad rows, saved, reopened, fixed and submitted for approval", async ({ page }) => {
    await signInAs(page, "operator@demo.test");
    await openNewBatch(page, "E2E March payroll");

    await fillRow(page, 1, { first: "Juan", last: "Dela Cruz", email: "juan@example.org", amount: "1000", account: "000111222", bank: "601" });
    await page.getByRole("button", { name: "Add row" }).click();
    await fillRow(page, 2, { first: "Maria", last: "Santos", email: "maria@example.org", amount: "500.25", account: "000333444", bank: "600" });
    await expect(page.getByTestId("batch-total")).toHaveText("PHP\u00a01,500.25");

    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Draft saved: 2 transactions, PHP\u00a01,500.25." })).toBeVisible();
    await expect(page).toHaveURL(/\/batches\/[0-9a-f-]{36}$/);
    const draftUrl = page.url();

    // Reopen: the saved rows come back in the editor.
    await page.goto(draftUrl);
    await expect(page.getByRole("heading", { name: "Edit draft" })).toBeVisible();
    await expect(field(page, "First name", 1)).toHaveValue("Juan");
    await expect(field(page, "Amount", 2)).toHaveValue("500.25");
    await expect(page.getByLabel("Description")).toHaveValue("E2E March payroll");

    // Rows 3..6 come from the file: CSV lines 3 (bad email) and 5 (above the maximum) are invalid.
    const csv = [
      HEADER,
      "Ana,Reyes,ana@example.org,250.50,,000555666,Ana Reyes,601",
      "Ben,Cruz,ben-at-example,300,,000777888,Ben Cruz,601",
      "Carla,Lim,carla@example.org,700,,000999000,Carla Lim,600",
      "Dan,Uy,dan@example.org,60000,,000123123,Dan Uy,601",
    ].join("\n");
    await page.getByLabel("Import CSV").setInputFiles({ name: "payees.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    // The draft already has rows: a file is added only when the operator says so.
    await page.getByRole("group", { name: "Import again" }).getByRole("button", { name: "Append" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Imported payees.csv: 2 valid, 2 invalid." })).toBeVisible();
    await expect(page.getByRole("tab", { name: /Invalid/ })).toHaveAttribute("aria-selected", "true");
    const errors = page.getByTestId("row-errors");
    await expect(errors).toHaveCount(2);
    await expect(errors.nth(0)).toHaveText("Row 4 (CSV line 3): Email: Enter a valid email");
    await expect(errors.nth(1)).toHaveText("Row 6 (CSV line 5): Amount: At most PHP\u00a050,000.00");
    await expect(field(page, "Email", 4)).toHaveAttribute("aria-invalid", "true");

    // Fix one inline (it stays in view, marked fixed), drop the other; valid rows were never touched.
    await field(page, "Email", 4).fill("ben@example.org");
    await expect(errors).toHaveCount(1);
    await expect(page.getByTestId("row-fixed")).toHaveCount(1);
    await page.getByRole("button", { name: "Remove row 6" }).click();
    await expect(errors).toHaveCount(0);
    await expect(page.getByRole("tab", { name: /Invalid/ })).toContainText("0");
    await page.getByRole("tab", { name: /All/ }).click();
    await expect(page.getByTestId("batch-summary")).toContainText("5 transactions");
    await expect(page.getByTestId("batch-total")).toHaveText("PHP\u00a02,750.75");

    await page.getByRole("button", { name: "Submit for approval" }).click();
    await expect(page.getByTestId("batch-status")).toHaveText("Pending approval");
    await expect(page.getByRole("heading", { name: "Edit draft" })).toHaveCount(0);
    const details = page.getByRole("region", { name: "Batch details" });
    await expect(details).toContainText("PHP\u00a02,750.75");
    await expect(details).toContainText("E2E March payroll");
    await expect(page.getByRole("region", { name: "Transactions" }).getByRole("row")).toHaveCount(6);
  });

  test("submission refuses invalid rows per row and field, and keeps the draft", async ({ page }) => {
    await signInAs(page, "operator@demo.test");
    await openNewBatch(page, "E2E refused submit");
    await fillRow(page, 1, { first: "Juan", last: "Dela Cruz", email: "juan@example.org", amount: "150", account: "000111222", bank: "601" });
    await page.getByRole("button", { name: "Submit for approval" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Not submitted: 1 transaction has errors" })).toBeVisible();
    await expect(page.getByTestId("row-errors")).toHaveText("Row 1: Amount: At least PHP\u00a0200.00");
    await page.reload();
    await expect(page.getByRole("heading", { name: "Edit draft" })).toBeVisible();
    await expect(field(page, "Amount", 1)).toHaveValue("150.00");

    await page.getByRole("button", { name: "Cancel batch" }).click();
    await page.getByRole("button", { name: "Yes, cancel batch" }).click();
    await expect(page.getByTestId("batch-status")).toHaveText("Cancelled");
  });

  test("a CSV with other headers goes through column mapping", async ({ page }) => {
    await signInAs(page, "operator@demo.test");
    await openNewBatch(page, "E2E mapped import");
    const csv = ["Given name;Surname;E-mail;Amount;Account;Holder;Bank", "Ana;Reyes;ana@example.org;250.50;000555666;Ana Reyes;601"].join("\n");
    await page.getByLabel("Import CSV").setInputFiles({ name: "bank-export.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await expect(page.getByRole("region", { name: "Match the file's columns" })).toBeVisible();
    await expect(page.getByLabel("Column for Amount")).toHaveValue("3");
    await page.getByLabel("Column for First name").selectOption({ label: "Given name" });
    await page.getByLabel("Column for Last name").selectOption({ label: "Surname" });
    await page.getByLabel("Column for Email").selectOption({ label: "E-mail" });
    await page.getByLabel("Column for Bank Account Number").selectOption({ label: "Account" });
    await page.getByLabel("Column for Account Holder Name").selectOption({ label: "Holder" });
    await page.getByLabel("Column for Bank Code").selectOption({ label: "Bank" });
    await page.getByRole("button", { name: "Import with these columns" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Imported bank-export.csv: 1 valid, 0 invalid." })).toBeVisible();
    await expect(field(page, "First name", 1)).toHaveValue("Ana");
    await expect(field(page, "Bank Code", 1)).toHaveValue("601");
  });

  test("a 10,000-row CSV is read, checked and saved", async ({ page }) => {
    test.setTimeout(120_000);
    await signInAs(page, "operator@demo.test");
    await openNewBatch(page, "E2E ten thousand payees");
    const lines = [HEADER];
    for (let i = 1; i <= 10_000; i++) lines.push(`Payee${i},Tester,payee${i}@example.org,${200 + (i % 1000)}.50,ref-${i},0001${i},Payee${i} Tester,601`);

    const chosen = Date.now();
    await page.getByLabel("Import CSV").setInputFiles({ name: "ten-thousand.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n")) });
    await expect(page.getByRole("status").filter({ hasText: "Imported ten-thousand.csv: 10,000 valid, 0 invalid." })).toBeVisible({ timeout: 30_000 });
    const imported = Date.now();
    await expect(page.getByTestId("batch-summary")).toContainText("10,000 transactions");
    // Only the visible rows are in the DOM; scrolling to the end brings row 10,000 in.
    expect(await page.getByTestId("transaction-row").count()).toBeLessThan(100);
    await page.getByRole("tabpanel").evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await expect(field(page, "First name", 10_000)).toHaveValue("Payee10000");

    const saveClicked = Date.now();
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Draft saved: 10,000 transactions" })).toBeVisible({ timeout: 60_000 });
    const saved = Date.now();
    test.info().annotations.push(
      { type: "csv read and checked in the browser (ms)", description: String(imported - chosen) },
      { type: "save round trip (ms)", description: String(saved - saveClicked) },
      { type: "file chosen to rows stored, including the click (ms)", description: String(saved - chosen) },
    );
    console.info(`10,000-row CSV: read+checked ${imported - chosen} ms; save round trip ${saved - saveClicked} ms`);
  });

  test("an approver gets 403 on /batches/new, an operator on /admin/methods", async ({ page }) => {
    await signInAs(page, "approver@demo.test");
    const response = await page.goto("/batches/new");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();

    await page.context().clearCookies();
    await signInAs(page, "operator@demo.test");
    expect((await page.goto("/admin/methods"))?.status()).toBe(403);
  });
});

test.describe("the methods catalogue", () => {
  test("an admin sees each method's fields, banks and limits and syncs them again", async ({ page }) => {
    await signInAs(page, "admin@demo.test");
    await page.goto("/admin/methods");
    const maya = page.getByRole("row").filter({ hasText: METHOD });
    await expect(maya).toContainText("Bank Account Number");
    await expect(maya).toContainText("PHP\u00a0200.00 – PHP\u00a050,000.00");
    await page.getByRole("button", { name: "Sync methods" }).click();
    await expect(page.getByRole("status").filter({ hasText: /^Synced \d+ methods\.$/ })).toBeVisible();
    await expect(page.getByText(/last synced just now/)).toBeVisible();
  });
});
