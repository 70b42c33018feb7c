import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../../simulator/server";
import { createHelloCleverClient, type HelloCleverClient } from "./client";
import {
  HelloCleverAuthenticationError,
  HelloCleverError,
  HelloCleverInsufficientFundsError,
  HelloCleverNotFoundError,
  HelloCleverOutcomeUnknownError,
  HelloCleverPayToChargeError,
  HelloCleverProtocolError,
  HelloCleverUnavailableError,
  HelloCleverValidationError,
} from "./errors";
import { findPayoutByExternalId } from "./find-payout-by-external-id";
import { HOLD_CODE_MESSAGES, holdCodeOf, type CreatePayoutInput } from "./types";

// Contract tests: the real client against the simulator over HTTP. No fetch mocks.

let sim: RunningSimulator;
let client: HelloCleverClient;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, stateFile: null, stepMs: 60_000, listMethods: true });
  client = createHelloCleverClient({ baseUrl: sim.url, appId: "sandbox-app-id", secretKey: "sandbox-secret-key", retryBaseDelayMs: 10, listMethodsPath: "/api/v2/payouts/payout_methods" });
});
afterAll(() => sim.close());
beforeEach(() => control("POST", "/reset"));

async function control(method: string, path: string, body: unknown = {}) {
  const response = await fetch(`${sim.controlUrl}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: method === "GET" ? undefined : JSON.stringify(body),
  });
  expect(response.ok).toBe(true);
  return response.json();
}

function input(overrides: Partial<CreatePayoutInput> = {}): CreatePayoutInput {
  return {
    currency: "PHP",
    payoutMethodName: "ph_bank_maya_php",
    description: "Payout payment 2023",
    webhook: { endpointUrl: "http://127.0.0.1:1/hook", authorizationHeader: "per-payout-secret" },
    transactions: [
      { firstName: "John", lastName: "Scarlet", email: "john@example.org", amount: "250.50", externalId: "t1", params: { account_number: "123456789", account_name: "John", bank_code: "600" } },
      { firstName: "Ann", lastName: "Lee", email: "ann@example.org", amount: "300", params: { account_number: "5550001", account_name: "Ann", bank_code: "601" } },
    ],
    ...overrides,
  };
}

/** Starts a throwaway local server answering every request with `status` and `body`. */
async function fakeProvider(status: number, body: string) {
  const server = http.createServer((_req, res) => res.writeHead(status, { "content-type": "application/json" }).end(body));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function caught(promise: Promise<unknown>): Promise<HelloCleverError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(HelloCleverError);
    return error as HelloCleverError;
  }
  throw new Error("expected a HelloCleverError");
}

describe("reads", () => {
  it("lists payout methods", async () => {
    const methods = await client.listMethods();
    expect(methods).toContainEqual({ payoutMethodName: "ph_bank_maya_php", currency: "PHP", description: "MAYA" });
  });

  it("gets a method's params with min/max as decimal strings", async () => {
    const method = await client.getMethodParams("ph_bank_maya_php");
    expect(method).toMatchObject({
      payoutMethodName: "ph_bank_maya_php",
      currency: "PHP",
      paymentType: "pay_out",
      minAmount: "200",
      maxAmount: "50000",
      payoutMethodParams: { account_number: "string:Mandatory Bank Account Number" },
      requireContact: false,
    });
    expect(method.banks).toContainEqual({ code: "600", name: "GCASH", shortName: null });
  });

  it("gets a balance (JSON numbers, no currency field, as documented) as decimal strings; AUD without a currency", async () => {
    await control("PUT", "/balances/PHP", { available_balance: "1234.5" });
    expect(await client.getBalance("PHP")).toEqual({
      currency: null,
      availableBalance: "1234.5",
      incomingBalance: "0",
      outgoingBalance: "0",
      rollingReserveBalance: "0",
      withdrawableBalance: "1234.5",
    });
    expect((await client.getBalance()).availableBalance).toBe("1000000000");
  });
});

describe("payouts", () => {
  it("creates a payout, sending amounts and params as strings", async () => {
    const payout = await client.createPayout(input({ externalId: "batch-1", scheduledAt: new Date("2099-01-01T10:00:00.000Z") }));
    expect(payout).toMatchObject({ status: "created", totalAmount: "550.50", externalId: "batch-1", scheduledAt: "2099-01-01T10:00:00.000+0000" });
    // In no documented order: compare as sets, by payee.
    expect(payout.transactions.map((t) => [t.payee, t.amount, t.externalId, t.status]).sort()).toEqual([
      ["Ann Lee", "300.00", null, "pending"],
      ["John Scarlet", "250.50", "t1", "pending"],
    ]);
    const stored = (await control("GET", "/payouts")).records[0];
    expect(stored.payout_transactions.find((t: { external_id: string | null }) => t.external_id === "t1").payout_method_params).toEqual({ account_number: "123456789", account_name: "John", bank_code: "600" });
  });

  it("reads a payout's detail, with failed transactions and their reasons once completed", async () => {
    const created = await client.createPayout(input());
    for (let i = 0; i < 3; i++) await control("POST", `/payouts/${created.uuid}/advance`);
    const payout = await client.getPayout(created.uuid);
    expect(payout.status).toBe("completed");
    expect(payout.transactions.map((t) => [t.payee, t.status, t.errorMessage]).sort()).toEqual([
      ["Ann Lee", "failed", "Beneficiary account does not exist"],
      ["John Scarlet", "settled", null],
    ]);
  });

  it("reads param values the provider returns as JSON numbers, as strings", async () => {
    const response = await fetch(`${sim.url}/api/v2/payouts`, {
      method: "POST",
      headers: { "app-id": "sandbox-app-id", "secret-key": "sandbox-secret-key", "content-type": "application/json" },
      body: JSON.stringify({
        currency: "PHP",
        payout_method_name: "ph_bank_maya_php",
        description: "Numbers as params",
        webhook_notification: { endpoint_url: "https://example.org/hook", authorization_header: "S" },
        payout_transaction_details: [
          { first_name: "A", last_name: "B", email: "a@b.co", amount: 200, payout_method_params: { account_number: 123456789999, account_name: "Luyx", bank_code: 600 } },
        ],
      }),
    });
    const { uuid } = (await response.json()) as { uuid: string };
    const payout = await client.getPayout(uuid);
    expect(payout.transactions[0]!.payoutMethodParams).toEqual({ account_number: "123456789999", account_name: "Luyx", bank_code: "600" });
    expect(payout.totalAmount).toBe("200.00");
  });

  it("lists payouts page by page", async () => {
    for (let i = 0; i < 21; i++) await client.createPayout(input({ externalId: `page-${i}` }));
    const now = new Date();
    const range = { fromDate: new Date(now.getTime() - 60_000), toDate: new Date(now.getTime() + 60_000) };
    const first = await client.listPayouts({ ...range, page: 1 });
    expect(first).toMatchObject({ page: 1, nextPage: 2, totalPage: 2, totalCount: 21 });
    expect(first.records).toHaveLength(20);
    const second = await client.listPayouts({ ...range, page: 2 });
    expect(second.records.map((p) => p.externalId)).toEqual(["page-20"]);
    // As in the docs' example: next_page is not null on the last page; total_page says it is the last.
    expect(second).toMatchObject({ nextPage: 3, totalPage: 2 });
  });

  it("cancels a scheduled payout", async () => {
    const created = await client.createPayout(input({ scheduledAt: new Date(Date.now() + 86_400_000) }));
    expect(await client.cancelScheduledPayout(created.uuid)).toEqual({ status: "cancelled" });
    expect((await client.getPayout(created.uuid)).status).toBe("cancelled");
  });
});

describe("error kinds", () => {
  it("authentication: wrong credentials on a read and on a create", async () => {
    const wrong = createHelloCleverClient({ baseUrl: sim.url, appId: "sandbox-app-id", secretKey: "wrong" });
    const readError = await caught(wrong.getBalance("PHP"));
    expect(readError).toBeInstanceOf(HelloCleverAuthenticationError);
    expect(readError).toMatchObject({ kind: "authentication", httpStatus: 401, providerCode: "REQUIRE_LOGIN" });
    expect(readError.message).not.toContain("wrong");
    expect((await caught(wrong.createPayout(input()))).kind).toBe("authentication");
  });

  it("validation: the provider's field and message", async () => {
    const bad = input();
    bad.transactions[0]!.firstName = " John";
    const error = await caught(client.createPayout(bad));
    expect(error).toBeInstanceOf(HelloCleverValidationError);
    expect(error.kind).toBe("validation");
    expect(error.fieldErrors).toEqual([{ field: "payout_transaction_details[0].first_name", message: "may contain only letters, digits and inner spaces" }]);
    expect(error.message).toBe("Hello Clever refused the request: payout_transaction_details[0].first_name may contain only letters, digits and inner spaces");
    expect(error.payoutMayExist).toBe(false);
    expect((await control("GET", "/payouts")).records).toEqual([]);
  });

  it("validation: cancelling a payout that is not waiting for its schedule", async () => {
    const created = await client.createPayout(input());
    const error = await caught(client.cancelScheduledPayout(created.uuid));
    expect(error).toMatchObject({ kind: "validation", httpStatus: 422, providerCode: "PAYOUT_NOT_CANCELLABLE" });
  });

  it("HC_PAYOUT1 as the payout's own error_code (documented): the payout is returned, its code readable", async () => {
    await control("PUT", "/balances/PHP", { available_balance: "100" });
    const payout = await client.createPayout(input({ externalId: "short-1" }));
    expect(payout).toMatchObject({ status: "created", errorCode: "HC_PAYOUT1", externalId: "short-1" });
    expect(holdCodeOf(payout.errorCode)).toBe("HC_PAYOUT1");
    expect((await client.getPayout(payout.uuid)).errorCode).toBe("HC_PAYOUT1");
  });

  it("HC_PAYOUT2 as the payout's own error_code: the payout proceeds", async () => {
    await control("POST", "/faults/next-create", { mode: "hc_payout2" });
    const payout = await client.createPayout(input());
    expect(payout).toMatchObject({ status: "created", errorCode: "HC_PAYOUT2", errorMessage: HOLD_CODE_MESSAGES.HC_PAYOUT2 });
  });

  it("HC_PAYOUT1/HC_PAYOUT2 in a refusal body: typed errors saying the payout may exist (never retryable)", async () => {
    await control("POST", "/faults/next-create", { mode: "hc_payout1_error" });
    const one = await caught(client.createPayout(input({ externalId: "refused-1" })));
    expect(one).toBeInstanceOf(HelloCleverInsufficientFundsError);
    expect(one).toMatchObject({ kind: "insufficient_funds", providerCode: "HC_PAYOUT1", holdCode: "HC_PAYOUT1", payoutMayExist: true, providerMessage: HOLD_CODE_MESSAGES.HC_PAYOUT1 });
    await control("POST", "/faults/next-create", { mode: "hc_payout2_error" });
    const two = await caught(client.createPayout(input({ externalId: "refused-2" })));
    expect(two).toBeInstanceOf(HelloCleverPayToChargeError);
    expect(two).toMatchObject({ kind: "payto_charge", holdCode: "HC_PAYOUT2", payoutMayExist: true });
    // And indeed both exist at the provider.
    expect((await control("GET", "/payouts")).records.map((p: { external_id: string }) => p.external_id)).toEqual(["refused-1", "refused-2"]);
  });

  it("not found: an unknown payout uuid (a 422, as the docs list no 404)", async () => {
    const error = await caught(client.getPayout("NOPE0000"));
    expect(error).toBeInstanceOf(HelloCleverNotFoundError);
    expect(error).toMatchObject({ kind: "not_found", httpStatus: 422, providerMessage: "Payout NOPE0000 not found" });
  });

  it("outcome unknown: create times out after the provider created it; found by external_id", async () => {
    const impatient = createHelloCleverClient({ baseUrl: sim.url, appId: "sandbox-app-id", secretKey: "sandbox-secret-key", createTimeoutMs: 300 });
    await control("POST", "/faults/next-create", { mode: "timeout", hold_ms: 3000 });
    const error = await caught(impatient.createPayout(input({ externalId: "batch-timeout" })));
    expect(error).toBeInstanceOf(HelloCleverOutcomeUnknownError);
    expect(error.kind).toBe("outcome_unknown");
    const found = await findPayoutByExternalId(client, "batch-timeout", { from: new Date(Date.now() - 60_000), to: new Date() });
    expect(found).toMatchObject({ externalId: "batch-timeout", status: "created" });
  });

  it("outcome unknown: 500 after the provider created it, never retried", async () => {
    await control("POST", "/faults/next-create", { mode: "500_after_create" });
    const error = await caught(client.createPayout(input({ externalId: "batch-500" })));
    expect(error).toMatchObject({ kind: "outcome_unknown", httpStatus: 500 });
    expect((await control("GET", "/payouts")).records).toHaveLength(1);
    expect(await findPayoutByExternalId(client, "batch-500", { from: new Date(Date.now() - 60_000), to: new Date() })).not.toBeNull();
  });

  it("outcome unknown: a 5xx where nothing was created looks the same, and the lookup says null", async () => {
    await control("POST", "/faults/next-create", { mode: "500_before_create" });
    expect((await caught(client.createPayout(input({ externalId: "batch-none" })))).kind).toBe("outcome_unknown");
    expect(await findPayoutByExternalId(client, "batch-none", { from: new Date(Date.now() - 60_000), to: new Date() })).toBeNull();
  });

  it("retries a read after 5xx answers, with backoff", async () => {
    await control("POST", "/faults/errors", { count: 2, status: 503 });
    expect((await client.getBalance("PHP")).availableBalance).toBe("1000000000");
  });

  it("unavailable: a read that keeps failing after its retries", async () => {
    await control("POST", "/faults/errors", { count: 3, status: 502 });
    const error = await caught(client.getBalance("PHP"));
    expect(error).toBeInstanceOf(HelloCleverUnavailableError);
    expect(error).toMatchObject({ kind: "unavailable", httpStatus: 502 });
  });

  it("never retries a create that got a 5xx", async () => {
    await control("POST", "/faults/errors", { count: 1, status: 503 });
    expect((await caught(client.createPayout(input()))).kind).toBe("outcome_unknown");
    expect((await control("GET", "/payouts")).records).toEqual([]);
  });

  it("unavailable: nothing listening (connection refused), for reads and for creates", async () => {
    const closed = await fakeProvider(200, "{}");
    await closed.close();
    const offline = createHelloCleverClient({ baseUrl: closed.url, appId: "a", secretKey: "s", retries: 1, retryBaseDelayMs: 1 });
    expect((await caught(offline.getMethodParams("ph_bank_maya_php"))).kind).toBe("unavailable");
    expect((await caught(offline.createPayout(input()))).kind).toBe("unavailable");
  });

  it("slow answers: a read past its timeout is retried, then reported unavailable", async () => {
    const impatient = createHelloCleverClient({ baseUrl: sim.url, appId: "sandbox-app-id", secretKey: "sandbox-secret-key", timeoutMs: 100, retries: 1, retryBaseDelayMs: 1 });
    await control("POST", "/faults/slow", { ms: 400 });
    const error = await caught(impatient.getBalance("PHP"));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toContain("no answer within 100 ms");
  });

  it("protocol: a response missing or mistyping a required field names the field", async () => {
    const body = JSON.stringify({
      uuid: "ABCDEFGH",
      currency: "PHP",
      payout_method_name: "ph_bank_maya_php",
      description: "x",
      total_amount: "10",
      status: "created",
      payout_transactions: [{ uuid: "T1", status: "pending", payee: "A B" }],
    });
    const provider = await fakeProvider(200, body);
    try {
      const broken = createHelloCleverClient({ baseUrl: provider.url, appId: "a", secretKey: "s" });
      const error = await caught(broken.getPayout("ABCDEFGH"));
      expect(error).toBeInstanceOf(HelloCleverProtocolError);
      expect(error.kind).toBe("protocol");
      expect((error as HelloCleverProtocolError).issues.map((i) => i.path)).toEqual(["payout_transactions[0].amount"]);
      expect(error.message).toContain("payout_transactions[0].amount");
      // On a create, an unreadable 200 means "done, but we cannot tell what": outcome unknown.
      const createError = await caught(broken.createPayout(input()));
      expect(createError.kind).toBe("outcome_unknown");
      expect(createError.cause).toBeInstanceOf(HelloCleverProtocolError);
    } finally {
      await provider.close();
    }
  });

  it("protocol: a body that is not JSON", async () => {
    const provider = await fakeProvider(200, "<html>gateway</html>");
    try {
      const broken = createHelloCleverClient({ baseUrl: provider.url, appId: "a", secretKey: "s" });
      expect((await caught(broken.getBalance("PHP"))).kind).toBe("protocol");
    } finally {
      await provider.close();
    }
  });
});

describe("findPayoutByExternalId", () => {
  it("walks the pages until it finds the payout, or returns null", async () => {
    for (let i = 0; i < 23; i++) await client.createPayout(input({ externalId: `walk-${i}` }));
    const range = { from: new Date(Date.now() - 60_000), to: new Date() };
    expect((await findPayoutByExternalId(client, "walk-22", range))?.externalId).toBe("walk-22");
    expect(await findPayoutByExternalId(client, "walk-99", range)).toBeNull();
  });

  it("splits a range longer than a year into windows the provider accepts", async () => {
    await client.createPayout(input({ externalId: "long-range" }));
    const found = await findPayoutByExternalId(client, "long-range", { from: new Date("2023-01-01T00:00:00Z"), to: new Date(Date.now() + 1000) });
    expect(found?.externalId).toBe("long-range");
  });

  it("throws when it cannot know", async () => {
    const wrong = createHelloCleverClient({ baseUrl: sim.url, appId: "x", secretKey: "y" });
    await expect(findPayoutByExternalId(wrong, "any", { from: new Date(Date.now() - 1000), to: new Date() })).rejects.toBeInstanceOf(HelloCleverAuthenticationError);
  });
});
