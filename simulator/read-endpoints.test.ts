import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "./server";
import { call, control, payoutBody, startTestSimulator, transaction, type Json } from "./test-support";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

async function create(overrides: Record<string, unknown> = {}): Promise<Json> {
  const response = await call(sim, "POST", "/api/v2/payouts", payoutBody(overrides));
  expect(response.status).toBe(200);
  return response.body;
}

describe("authentication", () => {
  it.each([
    ["no headers", {}],
    ["a wrong secret-key", { "app-id": "sandbox-app-id", "secret-key": "nope" }],
    ["a wrong app-id", { "app-id": "other", "secret-key": "sandbox-secret-key" }],
  ])("answers 401 REQUIRE_LOGIN to %s", async (_name, headers) => {
    const response = await call(sim, "GET", "/api/v2/balances/detail", undefined, headers as Record<string, string>);
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ errors: { code: "REQUIRE_LOGIN", message: "Not Authorised" } });
  });
});

describe("payout methods", () => {
  it("serves no list-methods endpoint unless SIMULATOR_LIST_METHODS=1 (it is undocumented)", async () => {
    expect((await call(sim, "GET", "/api/v2/payouts/payout_methods")).status).toBe(404);
  });

  it("lists every method with currency and description when switched on", async () => {
    const listing = await startTestSimulator({ listMethods: true });
    const response = await call(listing, "GET", "/api/v2/payouts/payout_methods");
    await listing.close();
    expect(response.status).toBe(200);
    expect(response.body.records.length).toBeGreaterThanOrEqual(31);
    expect(response.body.records).toContainEqual({ payout_method_name: "ph_bank_maya_php", currency: "PHP", description: "MAYA" });
  });

  it("returns a method's params, banks and limits as documented for Maya", async () => {
    const response = await call(sim, "GET", "/api/v2/payouts/payout_method/params?payout_method_name=ph_bank_maya_php");
    expect(response.status).toBe(200);
    expect(response.body.record).toMatchObject({
      currency: "PHP",
      payout_method_name: "ph_bank_maya_php",
      payment_type: "pay_out",
      payout_method_params: { account_number: "string:Mandatory Bank Account Number", bank_code: "string:Mandatory Bank Code" },
      min_amount: 200,
      max_amount: 50000,
      require_contact: false,
    });
    expect(response.body.record.banks).toContainEqual({ code: "600", name: "GCASH", short_name: null });
  });

  it("answers 400 without payout_method_name and 422 for an unknown one", async () => {
    const missing = await call(sim, "GET", "/api/v2/payouts/payout_method/params");
    expect(missing.status).toBe(400);
    expect(missing.body.errors.field).toBe("payout_method_name");
    const unknown = await call(sim, "GET", "/api/v2/payouts/payout_method/params?payout_method_name=zz");
    expect(unknown.status).toBe(422);
    expect(unknown.body).toEqual({ errors: { message: 'payout_method_name "zz" is not a payout method' } });
  });
});

describe("payout detail", () => {
  it("returns the payout as created, with transaction external ids", async () => {
    const created = await create({
      external_id: "detail-1",
      payout_transaction_details: [transaction({ external_id: "tx-1" }), transaction({ first_name: "Ann", amount: 300 })],
    });
    const response = await call(sim, "GET", `/api/v2/payouts/detail?uuid=${created.uuid}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(created);
    expect(response.body).toMatchObject({ external_id: "detail-1", scheduled_at: null, error_code: null, error_message: null });
    expect(response.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    // In no documented order: here the reverse of the order sent.
    expect(response.body.payout_transactions.map((t: Json) => [t.payee, t.external_id])).toEqual([["Ann Scarlet", null], ["John Scarlet", "tx-1"]]);
    expect(response.body.payout_transactions[0].balance_id).toMatch(/^[0-9A-F]{8}-[0-9A-F]{8}$/);
  });

  it("answers 422 (the docs list no 404) for an unknown uuid and 400 without one", async () => {
    expect(await call(sim, "GET", "/api/v2/payouts/detail?uuid=NOPE0000")).toEqual({ status: 422, body: { errors: { message: "Payout NOPE0000 not found" } } });
    expect((await call(sim, "GET", "/api/v2/payouts/detail")).status).toBe(400);
  });
});

describe("list payouts", () => {
  it("pages 20 at a time, oldest first, within the period", async () => {
    await control(sim, "POST", "/reset");
    for (let i = 0; i < 23; i++) await create({ external_id: `list-${i}` });
    const today = new Date().toISOString().slice(0, 10);
    const first = await call(sim, "GET", `/api/v2/payouts/all?from_date=${today}T00:00:00&to_date=${today}T23:59:59&page=1`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 1, size: 20, next_page: 2, total_page: 2, total_count: 23 });
    // As in the docs' example, next_page is page + 1 even on the last page: stop on total_page.
    expect(first.body.records).toHaveLength(20);
    expect(first.body.records[0].external_id).toBe("list-0");
    const second = await call(sim, "GET", `/api/v2/payouts/all?from_date=${today}T00:00:00&to_date=${today}T23:59:59&page=2`);
    expect(second.body).toMatchObject({ page: 2, next_page: 3, total_page: 2, total_count: 23 });
    expect(second.body.records.map((r: Json) => r.external_id)).toEqual(["list-20", "list-21", "list-22"]);
  });

  it("reads DD/MM/YY dates, the upper one to the end of that day", async () => {
    const now = new Date();
    const short = `${String(now.getUTCDate()).padStart(2, "0")}/${String(now.getUTCMonth() + 1).padStart(2, "0")}/${String(now.getUTCFullYear()).slice(2)}`;
    const response = await call(sim, "GET", `/api/v2/payouts/all?from_date=${short}&to_date=${short}&page=1`);
    expect(response.status).toBe(200);
    expect(response.body.total_count).toBe(23);
  });

  it("leaves out payouts created outside the period", async () => {
    const response = await call(sim, "GET", "/api/v2/payouts/all?from_date=2020-01-01T00:00:00&to_date=2020-12-31T00:00:00&page=1");
    expect(response.body).toMatchObject({ total_count: 0, total_page: 0, next_page: 2, records: [] });
  });

  it("refuses a period longer than one year, a reversed one and a bad date with 422", async () => {
    const long = await call(sim, "GET", "/api/v2/payouts/all?from_date=2024-01-01T00:00:00&to_date=2025-01-01T00:00:01&page=1");
    expect(long.status).toBe(422);
    expect(long.body.errors.field).toBe("to_date");
    expect((await call(sim, "GET", "/api/v2/payouts/all?from_date=2024-01-01T00:00:00&to_date=2025-01-01T00:00:00")).status).toBe(200);
    expect((await call(sim, "GET", "/api/v2/payouts/all?from_date=2024-02-01T00:00:00&to_date=2024-01-01T00:00:00")).status).toBe(422);
    const bad = await call(sim, "GET", "/api/v2/payouts/all?from_date=2024-13-01&to_date=2024-01-01T00:00:00");
    expect(bad.status).toBe(422);
    expect(bad.body.errors.field).toBe("from_date");
    expect((await call(sim, "GET", "/api/v2/payouts/all?to_date=2024-01-01T00:00:00")).status).toBe(400);
  });
});

describe("cancel scheduled payout", () => {
  it("cancels a payout waiting for a future scheduled_at and refunds it", async () => {
    const before = (await call(sim, "GET", "/api/v2/balances/detail?currency=PHP")).body.available_balance;
    const created = await create({ scheduled_at: "2099-01-01T00:00:00" });
    expect(created.scheduled_at).toBe("2099-01-01T00:00:00.000+0000");
    const response = await call(sim, "POST", "/api/v2/payouts/cancel_scheduled", { uuid: created.uuid });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: "cancelled" });
    const detail = (await call(sim, "GET", `/api/v2/payouts/detail?uuid=${created.uuid}`)).body;
    expect(detail.status).toBe("cancelled");
    expect(detail.payout_transactions[0]).toMatchObject({ status: "failed", error_message: "Payout cancelled" });
    expect((await call(sim, "GET", "/api/v2/balances/detail?currency=PHP")).body.available_balance).toBe(before);
  });

  it("refuses with 422 a payout with no future scheduled_at, or already moving", async () => {
    const immediate = await create();
    expect((await call(sim, "POST", "/api/v2/payouts/cancel_scheduled", { uuid: immediate.uuid })).status).toBe(422);
    const scheduled = await create({ scheduled_at: "2099-01-01T00:00:00" });
    await control(sim, "POST", `/payouts/${scheduled.uuid}/advance`);
    const response = await call(sim, "POST", "/api/v2/payouts/cancel_scheduled", { uuid: scheduled.uuid });
    expect(response.status).toBe(422);
    expect(response.body.errors.code).toBe("PAYOUT_NOT_CANCELLABLE");
  });

  it("answers 422 for an unknown uuid", async () => {
    expect((await call(sim, "POST", "/api/v2/payouts/cancel_scheduled", { uuid: "NOPE0000" })).status).toBe(422);
  });
});

describe("balance", () => {
  it("returns every balance as a JSON number, with no currency field (as documented)", async () => {
    const response = await call(sim, "GET", "/api/v2/balances/detail?currency=KRW");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      available_balance: 1000000000,
      incoming_balance: 0,
      outgoing_balance: 0,
      rolling_reserve_balance: 0,
      withdrawable_balance: 1000000000,
    });
  });

  it("answers AUD without a currency and 422 for one it does not serve", async () => {
    expect(await call(sim, "GET", "/api/v2/balances/detail")).toMatchObject({ status: 200, body: { available_balance: 1000000000 } });
    expect((await call(sim, "GET", "/api/v2/balances/detail?currency=EUR")).status).toBe(422);
  });
});
