import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import postgres from "postgres";
import { totpCodeAt, totpStepAt, TOTP_STEP_SECONDS } from "../../lib/auth/totp";
import { demoTotpSecret } from "../../lib/users/demo-users";

export const DEMO_PASSWORD = "payout-desk-demo";

let sql: postgres.Sql | undefined;
function db(): postgres.Sql {
  // idle_timeout: the connection closes between sign-ins, so nothing keeps a worker alive.
  sql ??= postgres(`postgres://postgres:postgres@127.0.0.1:${process.env.E2E_PG_PORT}/payout_desk`, { max: 1, idle_timeout: 1, onnotice: () => {} });
  return sql;
}

/**
 * A code the console accepts now from a TOTP secret: the console takes each time step once
 * (replay protection), so this picks the current step or the next one when the current one was
 * used (by an earlier sign-in or step-up), waiting for the clock only when both were.
 */
export async function totpCodeFor(email: string, secret: string): Promise<string> {
  for (;;) {
    const [row] = await db()<{ last: string | null }[]>`
      select t.last_used_step::text as last from user_totp t join users u on u.id = t.user_id where u.email = ${email.toLowerCase()}`;
    const current = totpStepAt(new Date());
    const step = row?.last == null ? current : Math.max(current, Number(row.last) + 1);
    if (step <= current + 1) return totpCodeAt(secret, new Date(step * TOTP_STEP_SECONDS * 1000));
    await new Promise((resolve) => setTimeout(resolve, (step - 1) * TOTP_STEP_SECONDS * 1000 - Date.now() + 250));
  }
}

/** The code of a demo user's authenticator (the demo approvers and admin have one), or null. */
export async function demoTotpCode(email: string): Promise<string | null> {
  const secret = demoTotpSecret(email);
  return secret ? totpCodeFor(email, secret) : null;
}

/** After "Sign in": when the console asks for the second factor, enters the demo user's code. */
export async function enterDemoCodeIfAsked(page: Page, email: string): Promise<void> {
  // The sign-in page's second step (the console's closed step-up dialog has a field of the same name).
  const codeField = page.getByRole("form", { name: "Two-step sign-in" }).getByLabel("Authentication code");
  // Generous: the first render after signing in can be slow on a busy machine.
  await expect(page.getByTestId("current-user").or(codeField)).toBeVisible({ timeout: 60_000 });
  if (!(await codeField.isVisible())) return;
  const code = await demoTotpCode(email);
  if (!code) throw new Error(`${email} is asked for a second factor but has no demo authenticator`);
  await codeField.fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

/** The sign-in form's first step only: email and password, then "Sign in". */
export async function signInWithPassword(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in through the real form (with the demo authenticator code when asked) and waits for the console. */
export async function signInAs(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await signInWithPassword(page, email, password);
  await enterDemoCodeIfAsked(page, email);
  await expect(page.getByTestId("current-user")).toBeVisible({ timeout: 60_000 });
}

/**
 * The specs' `test`, with `pageAs(email)`: a page in a new browser context signed in as `email`
 * (downloads allowed, for the export checks). Its context closes when the test ends, so no page
 * (nor its live stream) outlives the test that opened it.
 */
export const test = base.extend<{ pageAs: (email: string) => Promise<Page> }>({
  pageAs: async ({ browser }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async (email) => {
      const context = await browser.newContext({ acceptDownloads: true });
      contexts.push(context);
      const page = await context.newPage();
      await signInAs(page, email);
      return page;
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

/** The maker opens their draft and clicks "Submit for approval". */
export async function submitForApproval(page: Page, batchId: string): Promise<void> {
  await page.goto(`/batches/${batchId}`);
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByTestId("batch-status")).toHaveText("Pending approval");
}

/** "Approve" on the batch page, then "Approve" again in the confirmation (total, count, balance after, flags). */
export async function approveOnBatchPage(page: Page): Promise<void> {
  await page.getByTestId("approval-panel").getByRole("button", { name: "Approve", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Approve this batch?" });
  await expect(dialog.getByTestId("approve-summary")).toBeVisible();
  await dialog.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** axe (WCAG 2.1 A and AA) finds nothing on the page as it is now; `what` names it in the failure. */
export async function expectNoViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((violation) => `${violation.id}: ${violation.help} → ${violation.nodes.map((node) => node.target.join(" ")).slice(0, 5).join(" | ")}`);
  expect(summary, `${what}`).toEqual([]);
}

/**
 * A draft of `makerEmail` on Maya (PHP), one row per amount (payees Juan1, Juan2, …), written
 * straight to the database as "Save draft" leaves it; waits for the method catalogue first.
 */
export async function insertDraft(makerEmail: string, amounts: string[], description = "E2E payroll run"): Promise<string> {
  const method = "ph_bank_maya_php";
  await expect.poll(async () => (await db()`select 1 from payout_methods where name = ${method}`).length, { timeout: 60_000 }).toBe(1);
  const [maker] = await db()<{ id: string }[]>`select id from users where email = ${makerEmail}`;
  const [batch] = await db()<{ id: string }[]>`
    insert into batches (status, method_name, currency, description, created_by, transaction_count)
    values ('draft', ${method}, 'PHP', ${description}, ${maker!.id}, ${amounts.length}) returning id`;
  for (const [index, amount] of amounts.entries()) {
    await db()`
      insert into transactions (batch_id, position, first_name, last_name, email, amount, raw_amount, params)
      values (${batch!.id}, ${index}, ${`Juan${index + 1}`}, 'Dela Cruz', ${`juan${index + 1}@example.org`}, ${amount}, ${amount},
              ${db().json({ account_number: `98765432${index}`, account_name: "Juan Dela Cruz", bank_code: "601" })})`;
  }
  return batch!.id;
}

/** A new approver with the demo password and no second factor (inserted as if seeded: no granting admin). */
export async function insertNewApprover(email: string, name: string): Promise<void> {
  await db()`insert into users (email, name, password_hash, roles) select ${email}, ${name}, password_hash, '{approver}' from users where email = 'approver@demo.test'`;
}
