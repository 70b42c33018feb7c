import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { EVERY_WHO, PAGES, type Fixtures, type Who } from "./access-table";
import { expectNoViolations, signInAs } from "./helpers";

// Accessibility (issue 16): axe (WCAG 2.0/2.1 A and AA) finds nothing on any page of the access
// table, as each role allowed there, in the light and the dark scheme, plus the open dialogs.
// Pages other branches add to the access table are checked here too.

const EMAILS: Record<Exclude<Who, "signed-out">, string> = {
  operator: "operator@demo.test",
  approver: "approver@demo.test",
  auditor: "auditor@demo.test",
  admin: "admin@demo.test",
};
const SCHEMES = ["light", "dark"] as const;
const sql = postgres(`postgres://postgres:postgres@127.0.0.1:${process.env.E2E_PG_PORT}/payout_desk`, { max: 2, onnotice: () => {} });
const fx: Fixtures = { targetUserId: "", batchId: "", missingBatchId: "00000000-0000-4000-8000-000000000000", payeeId: "00000000-0000-4000-8000-000000000000" };
let pendingId = "";
let completedId = "";

/** A batch as `status`, by the demo operator, with Maya rows (settled/failed as given). */
async function insertBatch(status: string, rows: { amount: string; providerStatus?: string; failure?: string }[], extra = ""): Promise<string> {
  const [batch] = await sql<{ id: string }[]>`
    insert into batches (status, method_name, currency, description, created_by, total_amount, transaction_count, failed_count, approvals_needed, submitted_for_approval_at, provider_uuid)
    select ${status}, 'ph_bank_maya_php', 'PHP', ${`A11y ${status} batch${extra}`}, id, ${rows.reduce((sum, row) => sum + Number(row.amount), 0).toFixed(2)},
           ${rows.length}, ${rows.filter((row) => row.providerStatus === "failed").length}, 1, now(), ${status === "completed" ? crypto.randomUUID() : null}
    from users where email = 'operator@demo.test' returning id`;
  for (const [index, row] of rows.entries()) {
    await sql`
      insert into transactions (batch_id, position, first_name, last_name, email, amount, params, provider_status, failure_reason)
      values (${batch!.id}, ${index}, ${`Ana${index + 1}`}, 'Reyes', ${`ana${index + 1}@example.org`}, ${row.amount},
              ${sql.json({ account_number: `98765432${index}`, account_name: "Ana Reyes", bank_code: "601" })}, ${row.providerStatus ?? null}, ${row.failure ?? null})`;
  }
  return batch!.id;
}

test.beforeAll(async () => {
  await sql`insert into payout_methods (name, currency, label) values ('ph_bank_maya_php', 'PHP', 'PHP Bank Maya') on conflict do nothing`;
  const [target] = await sql<{ id: string }[]>`select id from users where email = 'operator2@demo.test'`;
  fx.targetUserId = target!.id;
  completedId = await insertBatch("completed", [
    { amount: "250.00", providerStatus: "settled" },
    { amount: "980.00", providerStatus: "failed", failure: "Beneficiary account does not exist" },
  ]);
  fx.batchId = completedId;
  pendingId = await insertBatch("pending_approval", [{ amount: "300.00" }]);
});
test.afterAll(async () => sql.end());

for (const who of EVERY_WHO.filter((who): who is Exclude<Who, "signed-out"> => who !== "signed-out")) {
  test.describe(`as ${who}`, () => {
    for (const scheme of SCHEMES) {
      test(`every page allowed is axe-clean (${scheme})`, async ({ page }) => {
        const pages = PAGES.filter((rule) => rule.allowed.includes(who));
        // axe over a whole page takes seconds on a busy machine: the budget grows with the pages.
        test.setTimeout(60_000 + pages.length * 30_000);
        await page.emulateMedia({ colorScheme: scheme });
        await signInAs(page, EMAILS[who]);
        for (const rule of pages) {
          const path = typeof rule.path === "string" ? rule.path : rule.path(fx);
          await page.goto(path);
          await expect(page.locator("main h1").first()).toBeVisible({ timeout: 60_000 });
          await expectNoViolations(page, `${path} as ${who} (${scheme})`);
        }
      });
    }
  });
}

test("the sign-in page is axe-clean in both schemes", async ({ page }) => {
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/login");
    await expectNoViolations(page, `/login (${scheme})`);
  }
});

test("open dialogs are axe-clean and give focus back to their opener", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signInAs(page, EMAILS.approver);
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`/batches/${pendingId}`);
    const approve = page.getByTestId("approval-panel").getByRole("button", { name: "Approve", exact: true });
    await approve.click();
    const confirm = page.getByRole("dialog", { name: "Approve this batch?" });
    await expect(confirm).toBeVisible();
    await expect(confirm.getByTestId("approve-summary")).toContainText("PHP 300.00");
    await expectNoViolations(page, `approve dialog (${scheme})`);
    await confirm.getByRole("button", { name: "Keep it" }).click();
    await expect(confirm).toBeHidden();
    await expect(approve).toBeFocused();

    const reject = page.getByRole("button", { name: "Reject", exact: true });
    await reject.click();
    const dialog = page.getByRole("dialog", { name: "Reject this batch" });
    await expect(dialog).toBeVisible();
    await expectNoViolations(page, `reject dialog (${scheme})`);
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(reject).toBeFocused();
  }

  const context = await browser.newContext();
  const operator = await context.newPage();
  await signInAs(operator, EMAILS.operator);
  await operator.goto(`/batches/${pendingId}`);
  const withdraw = operator.getByRole("button", { name: "Withdraw", exact: true });
  await withdraw.click();
  const dialog = operator.getByRole("dialog", { name: "Withdraw this batch?" });
  await expect(dialog).toBeVisible();
  await expectNoViolations(operator, "withdraw dialog");
  await dialog.getByRole("button", { name: "Keep it" }).click();
  await expect(withdraw).toBeFocused();
  await context.close();
});

test("on a 390 px phone, batches, approvals and a batch page fit the screen", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signInAs(page, EMAILS.admin);
  for (const path of ["/batches", "/approvals", `/batches/${completedId}`]) {
    await page.goto(path);
    await expect(page.locator("main h1").first()).toBeVisible({ timeout: 60_000 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, path).toBeLessThanOrEqual(390);
  }
  await page.goto("/batches");
  await expect(page.getByTestId("batch-card").first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("batches-phone.png"), fullPage: true });
  await context.close();
});
