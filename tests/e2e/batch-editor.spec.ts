import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";

// Touch 'n Go (simulator catalogue): MYR, 1..50,000, fields account_number and account_name, no banks.
const TNG = "my_ewallet_touchngo_myr";
const MAYA = "ph_bank_maya_php";
const HEADER = "first_name,last_name,email,amount,external_id,account_number,account_name";

async function openNewBatch(page: Page, method: string, description: string) {
  await expect(async () => {
    await page.goto("/batches/new");
    await expect(page.getByLabel("Payout method")).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 120_000 });
  await page.getByLabel("Payout method").selectOption(method);
  await page.getByLabel("Description").fill(description);
}

const field = (page: Page, label: string, row: number) => page.getByLabel(`${label}, row ${row}`, { exact: true });
const status = (page: Page) => page.getByTestId("editor-status");
const SLOW = { timeout: 60_000 };

async function importCsv(page: Page, name: string, lines: string[]) {
  await page.getByLabel("Import CSV").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(lines.join("\n")) });
}

/** Types `text` one key at a time into the focused cell, after selecting what it holds. */
async function typeInto(page: Page, label: string, row: number, text: string) {
  await field(page, label, row).click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(text, { delay: 40 });
}

test.describe("the batch editor keeps what the operator types", () => {
  // A shared 2-core machine: the first page of a route and the CSV worker can take a while.
  test.describe.configure({ timeout: 180_000 });
  test("typing into invalid cells key by key saves exactly what was typed (amount and name)", async ({ page }) => {
    await signInAs(page, "operator@demo.test");
    await openNewBatch(page, TNG, "E2E keystrokes");
    await importCsv(page, "fix-me.csv", [
      HEADER,
      "Siti,Aminah,siti@example.org,120.00,,60123456789,Siti Aminah",
      "Ahmad,Razak,ahmad@example.org,0.50,,60123456788,Ahmad Razak",
      ",Hakim,hakim@example.org,80.00,,60123456787,Irfan Hakim",
    ]);
    await expect(status(page)).toHaveText(/Imported fix-me\.csv: 1 valid, 2 invalid\./, SLOW);
    await expect(page.getByRole("tab", { name: /Invalid/ })).toHaveAttribute("aria-selected", "true");

    // "1" alone already makes the row valid: it must stay in place and keep the focus.
    await typeInto(page, "Amount", 2, "15.75");
    await expect(field(page, "Amount", 2)).toHaveValue("15.75");
    await expect(field(page, "Amount", 2)).toBeFocused();
    await expect(page.getByTestId("row-fixed")).toHaveCount(1);

    await typeInto(page, "First name", 3, "Irfan");
    await expect(field(page, "First name", 3)).toHaveValue("Irfan");
    await expect(field(page, "First name", 3)).toBeFocused();
    await expect(page.getByTestId("row-fixed")).toHaveCount(2);
    // The import banner goes once everything is fixed.
    await expect(status(page)).toHaveText("Every row is valid now (3 transactions).");

    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(status(page)).toHaveText("Draft saved: 3 transactions, MYR\u00a0215.75.", SLOW);
    // The heading follows the save, without a reload.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Edit draft");

    await page.goto(page.url());
    await expect(page.getByRole("heading", { name: "Edit draft" })).toBeVisible();
    await expect(field(page, "Amount", 2)).toHaveValue("15.75");
    await expect(field(page, "First name", 3)).toHaveValue("Irfan");
  });

  test("removing a row moves focus to the next one; tabs move with the arrow keys", async ({ page }) => {
    await signInAs(page, "operator@demo.test");
    await openNewBatch(page, TNG, "E2E focus");
    await importCsv(page, "three.csv", [HEADER, "Ana,Lim,ana@example.org,10,,601,Ana Lim", "Ben,Tan,ben@example.org,11,,602,Ben Tan", "Cy,Ong,cy@example.org,12,,603,Cy Ong"]);
    await expect(status(page)).toHaveText(/3 valid, 0 invalid/, SLOW);
    await page.getByRole("button", { name: "Remove row 2" }).click();
    await expect(page.getByRole("button", { name: "Remove row 2" })).toBeFocused();
    await expect(field(page, "First name", 2)).toHaveValue("Cy");

    await page.getByRole("tab", { name: /All/ }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("tab", { name: /Valid/ })).toBeFocused();
    await expect(page.getByRole("tab", { name: /Valid/ })).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("End");
    await expect(page.getByRole("tab", { name: /Invalid/ })).toHaveAttribute("aria-selected", "true");
  });

  test("changing the method asks first, and ArrowDown on the closed picker changes nothing", async ({ page }) => {
    await signInAs(page, "operator@demo.test");
    await openNewBatch(page, TNG, "E2E method change");
    await importCsv(page, "two.csv", [HEADER, "Ana,Lim,ana@example.org,10,,601,Ana Lim", "Ben,Tan,ben@example.org,11,,602,Ben Tan"]);
    await expect(status(page)).toHaveText(/2 valid/, SLOW);

    const picker = page.getByLabel("Payout method");
    await picker.focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Escape");
    await expect(picker).toHaveValue(TNG);
    await expect(field(page, "First name", 1)).toHaveValue("Ana");

    await picker.selectOption(MAYA);
    const ask = page.getByRole("group", { name: "Change method" });
    await expect(ask).toContainText("and clear 2 rows?");
    await ask.getByRole("button", { name: /^Keep / }).click();
    await expect(picker).toHaveValue(TNG);
    await expect(picker).toBeFocused();
    await expect(field(page, "First name", 2)).toHaveValue("Ben");

    await picker.selectOption(MAYA);
    await page.getByRole("button", { name: "Change method, keep names, emails, amounts and external ids" }).click();
    await expect(picker).toHaveValue(MAYA);
    await expect(field(page, "First name", 2)).toHaveValue("Ben");
    await expect(field(page, "Bank Code", 2)).toHaveValue("");
    await expect(picker).toBeFocused();
  });

  test("a second import asks to replace or append, and repeated rows are flagged", async ({ page }) => {
    await signInAs(page, "operator@demo.test");
    await openNewBatch(page, TNG, "E2E import twice");
    const lines = [HEADER, "Ana,Lim,ana@example.org,10,inv-1,601,Ana Lim", "Ben,Tan,ben@example.org,11,inv-2,602,Ben Tan"];
    await importCsv(page, "same.csv", lines);
    await expect(status(page)).toHaveText(/2 valid/, SLOW);
    await expect(page.getByTestId("row-warning")).toHaveCount(0);

    await importCsv(page, "same.csv", lines);
    const choice = page.getByRole("group", { name: "Import again" });
    await expect(choice.getByRole("button", { name: "Replace the 2 rows" })).toBeFocused();
    await choice.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByTestId("batch-summary")).toContainText("2 transactions");

    await importCsv(page, "same.csv", lines);
    await choice.getByRole("button", { name: "Append" }).click();
    await expect(page.getByTestId("batch-summary")).toContainText("4 transactions");
    await expect(page.getByTestId("batch-summary")).toContainText("4 possible duplicates");
    await expect(page.getByTestId("row-warning").first()).toContainText("Possible duplicate: Same account and amount as row 3");

    // Submitting asks for a deliberate keep.
    await page.getByRole("button", { name: "Submit for approval" }).click();
    await expect(status(page)).toContainText("Not submitted: 4 rows look like duplicates");

    await importCsv(page, "same.csv", lines);
    await choice.getByRole("button", { name: "Replace the 4 rows" }).click();
    await expect(page.getByTestId("batch-summary")).toContainText("2 transactions");
    await expect(page.getByTestId("row-warning")).toHaveCount(0);
  });

  test("names with accents are transliterated on request, after showing the result", async ({ page }) => {
    await signInAs(page, "operator@demo.test");
    await openNewBatch(page, TNG, "E2E transliterate");
    await importCsv(page, "names.csv", [HEADER, "José,Peña,jose@example.org,10,,601,Jose Pena", "Aoife,O'Brien,aoife@example.org,11,,602,Aoife OBrien"]);
    await expect(status(page)).toHaveText(/0 valid, 2 invalid/, SLOW);
    await page.getByRole("button", { name: "Use “Jose” for First name" }).click();
    await expect(field(page, "First name", 1)).toHaveValue("Jose");

    await page.getByRole("button", { name: "Transliterate all…" }).click();
    const list = page.getByRole("list", { name: "Names to transliterate" });
    await expect(list).toContainText("Peña → Pena");
    await expect(list).toContainText("O'Brien → OBrien");
    await page.getByRole("button", { name: "Apply to 2 names" }).click();
    await expect(field(page, "Last name", 1)).toHaveValue("Pena");
    await expect(field(page, "Last name", 2)).toHaveValue("OBrien");
    await expect(page.getByTestId("row-errors")).toHaveCount(0);
  });

  test("unsaved rows: leaving asks first, and coming back offers them again", async ({ page }) => {
    await signInAs(page, "operator@demo.test");
    await openNewBatch(page, TNG, "E2E unsaved rows");
    await importCsv(page, "keep.csv", [HEADER, "Ana,Lim,ana@example.org,10,,601,Ana Lim", "Ben,Tan,ben@example.org,11,,602,Ben Tan"]);
    await expect(status(page)).toHaveText(/2 valid/, SLOW);
    // Autosaved in this browser (debounced).
    await expect.poll(() => page.evaluate(() => window.localStorage.getItem("payout-desk:unsaved:new") !== null), { timeout: 15_000 }).toBe(true);

    // An in-app link asks; staying keeps everything.
    let asked = "";
    page.once("dialog", (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await page.getByRole("link", { name: "Batches", exact: true }).first().click();
    await expect.poll(() => asked).toContain("2 unsaved rows");
    await expect(page).toHaveURL(/\/batches\/new$/);

    page.on("dialog", (dialog) => void dialog.accept());
    await page.goto("/batches");
    await page.goto("/batches/new");
    await expect(page.getByText(/Restore 2 unsaved rows from (just now|1 minute ago)\?/)).toBeVisible();
    await page.getByRole("button", { name: "Restore 2 rows" }).click();
    await expect(page.getByLabel("Payout method")).toHaveValue(TNG);
    await expect(field(page, "First name", 2)).toHaveValue("Ben");
    await expect(page.getByLabel("Description")).toHaveValue("E2E unsaved rows");
  });

  test("column mapping guesses common headers, and the template downloads per method", async ({ page }) => {
    await signInAs(page, "operator@demo.test");
    await openNewBatch(page, MAYA, "E2E mapping guess");
    await importCsv(page, "export.csv", ["First Name,Last Name,E-mail Address,Amount (PHP),Account No.,Account Holder,Bank", "Ana,Reyes,ana@example.org,250.50,000555666,Ana Reyes,601"]);
    await expect(page.getByLabel("Column for Email")).toHaveValue("2", SLOW);
    await expect(page.getByLabel("Column for Amount")).toHaveValue("3");
    await expect(page.getByLabel("Column for Bank Account Number")).toHaveValue("4");
    await expect(page.getByLabel("Column for Account Holder Name")).toHaveValue("5");
    await page.getByRole("button", { name: "Import with these columns" }).click();
    await expect(status(page)).toHaveText(/Imported export\.csv: 1 valid, 0 invalid\./, SLOW);

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download CSV template" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${MAYA}-template.csv`);
    const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks as Buffer[]).toString("utf8"));
    expect(text.split("\r\n")[0]).toBe("first_name,last_name,email,amount,external_id,account_number,account_name,bank_code");
    expect(text.split("\r\n")[1]).toMatch(/^Juan,Dela Cruz,juan\.delacruz@example\.org,200(\.00)?,INV-0001,000123456789,Juan Dela Cruz,\d+$/);
  });
});
