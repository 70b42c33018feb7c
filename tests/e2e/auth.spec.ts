import { expect, test } from "@playwright/test";
import { enterDemoCodeIfAsked, signInAs } from "./helpers";

const PAGES_BY_ROLE: { email: string; visible: string[]; hidden: string[] }[] = [
  { email: "operator@demo.test", visible: ["Batches", "New batch"], hidden: ["Approvals", "History", "Audit", "Admin"] },
  { email: "approver@demo.test", visible: ["Batches", "Approvals"], hidden: ["New batch", "History", "Audit", "Admin"] },
  { email: "auditor@demo.test", visible: ["Batches", "History", "Audit"], hidden: ["New batch", "Approvals", "Admin"] },
  { email: "admin@demo.test", visible: ["Batches", "New batch", "Approvals", "History", "Audit", "Admin"], hidden: [] },
];

test.describe("sign-in and roles", () => {
  for (const { email, visible, hidden } of PAGES_BY_ROLE) {
    test(`${email} sees the pages of their role`, async ({ page }) => {
      await signInAs(page, email);
      await expect(page).toHaveURL(/\/batches$/);
      const nav = page.getByRole("navigation", { name: "Main" });
      // A link's name may carry its badge ("Approvals 2 waiting for you").
      const link = (label: string) => nav.getByRole("link", { name: new RegExp(`^${label}( \\d+ waiting for you)?$`) });
      for (const label of visible) await expect(link(label)).toBeVisible();
      for (const label of hidden) await expect(link(label)).toHaveCount(0);
    });
  }

  test("a wrong password shows the error and stays on the sign-in page", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("operator@demo.test");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect" })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test("a signed-out visit redirects to sign-in and returns to the page afterwards", async ({ page }) => {
    await page.goto("/batches?status=draft");
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
    await page.getByLabel("Email").fill("approver@demo.test");
    await page.getByLabel("Password").fill("payout-desk-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await enterDemoCodeIfAsked(page, "approver@demo.test");
    await expect(page).toHaveURL(/\/batches\?status=draft$/);
  });

  test("signing out ends the session", async ({ page }) => {
    await signInAs(page, "auditor@demo.test");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/batches");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a role that may not open a page gets a 403 page from the server", async ({ page }) => {
    await signInAs(page, "operator@demo.test");
    const response = await page.goto("/audit");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  });
});

test.describe("API edges", () => {
  test("/api/health answers signed out with the database status", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", db: "ok", version: expect.any(String) });
    expect(response.headers()["x-request-id"]).toBeTruthy();
  });

  test("signed-out calls to other /api routes get a 401 JSON body", async ({ request }) => {
    const response = await request.get("/api/export/history");
    expect(response.status()).toBe(401);
    expect(await response.json()).toMatchObject({ error: "unauthenticated" });
  });
});
