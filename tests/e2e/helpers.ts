import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "payout-desk-demo";

/** Signs in through the real form and waits for the console. */
export async function signInAs(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible({ timeout: 30_000 });
}
