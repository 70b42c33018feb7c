import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "./server";
import { call, control, payoutBody, startTestSimulator, transaction, type Json } from "./test-support";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

async function expectRefused(body: Json, field: string, status = 422) {
  const response = await call(sim, "POST", "/api/v2/payouts", body);
  expect(response.status).toBe(status);
  // Field rules answer as a field map: { errors: { "<field>": "<words>" } }.
  expect(Object.keys(response.body.errors)).toEqual([field]);
  expect(typeof response.body.errors[field]).toBe("string");
  return response;
}

const params = (p: Record<string, unknown>) => ({ account_number: "123456789", account_name: "John", bank_code: "600", ...p });

describe("POST /api/v2/payouts validation", () => {
  it("accepts a valid payout: 200, status created, amounts as strings", async () => {
    const response = await call(sim, "POST", "/api/v2/payouts", payoutBody({ external_id: "ok-1" }));
    expect(response.status).toBe(200);
    expect(response.body.uuid).toMatch(/^[A-Z0-9]{8}$/);
    expect(response.body.status).toBe("created");
    expect(response.body.total_amount).toBe("250.50");
    expect(response.body.payout_transactions[0]).toMatchObject({ payee: "John Scarlet", amount: "250.50", status: "pending", error_message: null });
  });

  it("refuses an unknown payout method", () => expectRefused(payoutBody({ payout_method_name: "xx_nope" }), "payout_method_name"));
  it("refuses a currency that does not match the method", () => expectRefused(payoutBody({ currency: "IDR" }), "currency"));
  it("refuses a missing currency", () => expectRefused(payoutBody({ currency: undefined }), "currency"));
  it("refuses a description shorter than 5 characters", () => expectRefused(payoutBody({ description: "Pay" }), "description"));
  it("refuses a description longer than 90 characters", () => expectRefused(payoutBody({ description: "x".repeat(91) }), "description"));
  it("accepts a description of exactly 5 and 90 characters", async () => {
    expect((await call(sim, "POST", "/api/v2/payouts", payoutBody({ description: "Payup" }))).status).toBe(200);
    expect((await call(sim, "POST", "/api/v2/payouts", payoutBody({ description: "y".repeat(90) }))).status).toBe(200);
  });
  it("refuses a scheduled_at not in YYYY-MM-DDTHH:mm:ss", () => expectRefused(payoutBody({ scheduled_at: "2030-04-01 00:00" }), "scheduled_at"));
  it("refuses a scheduled_at that is not a calendar date", () => expectRefused(payoutBody({ scheduled_at: "2030-02-30T00:00:00" }), "scheduled_at"));
  it("refuses a missing webhook_notification", () => expectRefused(payoutBody({ webhook_notification: undefined }), "webhook_notification"));
  it("refuses a plain-http webhook to a public host", () =>
    expectRefused(payoutBody({ webhook_notification: { endpoint_url: "http://example.org/hook", authorization_header: "S" } }), "webhook_notification.endpoint_url"));
  it("accepts http webhooks only for loopback hosts (127.0.0.0/8, localhost, [::1])", async () => {
    for (const host of ["127.0.0.1:3000", "127.8.9.10", "localhost:3000", "[::1]:3000"]) {
      const body = payoutBody({ webhook_notification: { endpoint_url: `http://${host}/hook`, authorization_header: "S" } });
      expect((await call(sim, "POST", "/api/v2/payouts", body)).status).toBe(200);
    }
  });
  it("refuses an empty authorization_header", () =>
    expectRefused(payoutBody({ webhook_notification: { endpoint_url: "https://example.org/hook", authorization_header: "" } }), "webhook_notification.authorization_header"));
  it("refuses a payout without transactions", () => expectRefused(payoutBody({ payout_transaction_details: [] }), "payout_transaction_details"));
  it("refuses more than 10,000 transactions", () =>
    expectRefused(payoutBody({ payout_transaction_details: Array.from({ length: 10_001 }, () => transaction()) }), "payout_transaction_details"));
  it("refuses a first_name with a leading space, naming the transaction", async () => {
    const details = [transaction(), transaction(), transaction(), transaction({ first_name: " John" })];
    await expectRefused(payoutBody({ payout_transaction_details: details }), "payout_transaction_details[3].first_name");
  });
  it("refuses a last_name with punctuation", () =>
    expectRefused(payoutBody({ payout_transaction_details: [transaction({ last_name: "O'Brien" })] }), "payout_transaction_details[0].last_name"));
  it("refuses a blank name", () =>
    expectRefused(payoutBody({ payout_transaction_details: [transaction({ last_name: "   " })] }), "payout_transaction_details[0].last_name"));
  it("refuses an invalid email", () =>
    expectRefused(payoutBody({ payout_transaction_details: [transaction({ email: "john@" })] }), "payout_transaction_details[0].email"));
  it("refuses an amount below the method's minimum", () =>
    expectRefused(payoutBody({ payout_transaction_details: [transaction({ amount: 199.99 })] }), "payout_transaction_details[0].amount"));
  it("refuses an amount above the method's maximum", () =>
    expectRefused(payoutBody({ payout_transaction_details: [transaction({ amount: 50000.01 })] }), "payout_transaction_details[0].amount"));
  it("refuses more decimals than the currency has (PHP: 2)", () =>
    expectRefused(payoutBody({ payout_transaction_details: [transaction({ amount: 250.505 })] }), "payout_transaction_details[0].amount"));
  it("refuses any decimals for a zero-decimal currency (KRW)", async () => {
    const krw = {
      currency: "KRW",
      payout_method_name: "kr_bank_krw",
      payout_transaction_details: [transaction({ amount: 1500.5, payout_method_params: params({ bank_code: "004" }) })],
    };
    await expectRefused(payoutBody(krw), "payout_transaction_details[0].amount");
    const whole = { ...krw, payout_transaction_details: [transaction({ amount: 1500, payout_method_params: params({ bank_code: "004" }) })] };
    expect((await call(sim, "POST", "/api/v2/payouts", payoutBody(whole))).status).toBe(200);
  });
  it("refuses an amount that is not a number, including a decimal string (documented as a number)", async () => {
    await expectRefused(payoutBody({ payout_transaction_details: [transaction({ amount: "25O" })] }), "payout_transaction_details[0].amount");
    const response = await expectRefused(payoutBody({ payout_transaction_details: [transaction({ amount: "300.10" })] }), "payout_transaction_details[0].amount");
    expect(response.body.errors["payout_transaction_details[0].amount"]).toBe("must be a number");
  });
  it("reads a JSON number amount exactly, whatever its trailing zeros", async () => {
    const text = JSON.stringify(payoutBody({ payout_transaction_details: [transaction({ amount: 300 }), transaction({ amount: 0 })] })).replace('"amount":0', '"amount":300.10');
    const response = await call(sim, "POST", "/api/v2/payouts", text);
    expect(response.status).toBe(200);
    expect(response.body.total_amount).toBe("600.10");
  });
  it("refuses a missing mandatory param", () =>
    expectRefused(payoutBody({ payout_transaction_details: [transaction({ payout_method_params: { account_number: "1", bank_code: "600" } })] }),
      "payout_transaction_details[0].payout_method_params.account_name"));
  it("refuses an unknown param", () =>
    expectRefused(payoutBody({ payout_transaction_details: [transaction({ payout_method_params: params({ iban: "X" }) })] }),
      "payout_transaction_details[0].payout_method_params.iban"));
  it("refuses a param value that is neither a string nor a number", () =>
    expectRefused(payoutBody({ payout_transaction_details: [transaction({ payout_method_params: params({ account_number: true }) })] }),
      "payout_transaction_details[0].payout_method_params.account_number"));
  it("accepts param values as JSON numbers and keeps them as sent", async () => {
    const response = await call(sim, "POST", "/api/v2/payouts",
      payoutBody({ payout_transaction_details: [transaction({ payout_method_params: params({ account_number: 123456789, bank_code: 600 }) })] }));
    expect(response.status).toBe(200);
    expect(response.body.payout_transactions[0].payout_method_params).toMatchObject({ account_number: 123456789, bank_code: 600 });
  });
  it("refuses a bank_code that is not one of the method's banks", () =>
    expectRefused(payoutBody({ payout_transaction_details: [transaction({ payout_method_params: params({ bank_code: "999" }) })] }),
      "payout_transaction_details[0].payout_method_params.bank_code"));
  it("lets an Optional param be left out", async () => {
    const body = payoutBody({
      currency: "KES",
      payout_method_name: "ke_mobile_money_kes",
      payout_transaction_details: [transaction({ amount: 100, payout_method_params: { account_number: "254700000000", account_name: "John" } })],
    });
    expect((await call(sim, "POST", "/api/v2/payouts", body)).status).toBe(200);
  });
  it("refuses a repeated payout external_id with 422", async () => {
    expect((await call(sim, "POST", "/api/v2/payouts", payoutBody({ external_id: "dup-1" }))).status).toBe(200);
    const again = await call(sim, "POST", "/api/v2/payouts", payoutBody({ external_id: "dup-1" }));
    expect(again.status).toBe(422);
    expect(again.body.errors).toMatchObject({ code: "DUPLICATE_EXTERNAL_ID", field: "external_id" });
  });
  it("refuses malformed JSON with 400", async () => {
    const response = await call(sim, "POST", "/api/v2/payouts", "{not json");
    expect(response.status).toBe(400);
    expect(response.body.errors.code).toBe("BAD_REQUEST");
  });
  it("creates a payout above the available balance as HC_PAYOUT1: status created, error_code set, nothing debited", async () => {
    await control(sim, "PUT", "/balances/PHP", { available_balance: "300" });
    const response = await call(sim, "POST", "/api/v2/payouts",
      payoutBody({ payout_transaction_details: [transaction({ amount: 200 }), transaction({ amount: 200.01 })] }));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: "created",
      error_code: "HC_PAYOUT1",
      error_message: "Insufficient funds to payout. Please topup balance in dashboard",
    });
    const detail = await call(sim, "GET", `/api/v2/payouts/detail?uuid=${response.body.uuid}`);
    expect(detail.body).toMatchObject({ status: "created", error_code: "HC_PAYOUT1" });
    const balance = await call(sim, "GET", "/api/v2/balances/detail?currency=PHP");
    expect(balance.body.available_balance).toBe(300);
    // A top-up that covers it releases it: error_code cleared, funds taken, it steps on.
    await control(sim, "PUT", "/balances/PHP", { available_balance: "1000" });
    const released = await call(sim, "GET", `/api/v2/payouts/detail?uuid=${response.body.uuid}`);
    expect(released.body).toMatchObject({ status: "created", error_code: null, error_message: null });
    expect((await call(sim, "GET", "/api/v2/balances/detail?currency=PHP")).body).toMatchObject({ available_balance: 599.99 });
  });
});
