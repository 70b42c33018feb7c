import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createHelloCleverClient, createPayoutBody } from "./client";
import { HelloCleverError, HelloCleverValidationError } from "./errors";
import { findPayoutByExternalId } from "./find-payout-by-external-id";
import { readProviderErrors } from "./read-provider-errors";
import { isKnownPayoutStatus, parseProviderDate, type CreatePayoutInput } from "./types";

// The client against a provider written to answer exactly as the documentation shows (and as a
// provider may, where it is silent): a local HTTP server per test, no fetch mocks.

type Seen = { method: string; path: string; headers: http.IncomingHttpHeaders; body: string };
type Reply = { status: number; body: unknown } | null; // null: never answer

let servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  servers = [];
});

async function provider(answer: (seen: Seen) => Reply) {
  const seen: Seen[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const request = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
    seen.push(request);
    const reply = answer(request);
    if (!reply) return;
    res.writeHead(reply.status, { "content-type": "application/json" });
    res.end(typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, client: createHelloCleverClient({ baseUrl: url, appId: "app", secretKey: "secret", retries: 0, timeoutMs: 2000 }) };
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

function input(amounts: string[], overrides: Partial<CreatePayoutInput> = {}): CreatePayoutInput {
  return {
    currency: "PHP",
    payoutMethodName: "ph_bank_maya_php",
    description: "Payout payment 2023",
    webhook: { endpointUrl: "https://example.org/hook", authorizationHeader: "SECRET" },
    externalId: "batch-1",
    transactions: amounts.map((amount, index) => ({
      firstName: "John",
      lastName: "Scarlet",
      email: "john@example.org",
      amount,
      externalId: `row-${index}`,
      params: { account_number: "000123", account_name: "John", bank_code: "600" },
    })),
    ...overrides,
  };
}

/** A payout object as the detail page documents it (dates in the documented form). */
function payout(overrides: Record<string, unknown> = {}) {
  return {
    uuid: "OHXTEF9M",
    currency: "PHP",
    payout_method_name: "ph_bank_maya_php",
    description: "Payout payment 2023",
    total_amount: "1000",
    status: "created",
    webhook_notification: { endpoint_url: "https://example.org", authorization_header: "SECRET" },
    scheduled_at: "2023-04-01T00:00:00.000+0000",
    external_id: "batch-1",
    error_code: null,
    error_message: null,
    payout_transactions: [
      {
        uuid: "OHXTEF9M",
        balance_id: "808C75EF-988143EB",
        payee: "John Scarlet",
        amount: "100.00",
        payout_method_params: { account_number: 123456789999, account_name: "Luyx", bank_code: 11111 },
        status: "settled",
        error_message: "PayID not found",
        created_at: "2022-01-01T00:00:00.000+0000",
      },
    ],
    ...overrides,
  };
}

describe("create body", () => {
  it("writes each amount as a JSON number whose text is exactly the stored decimal", async () => {
    const { client, seen } = await provider(() => ({ status: 200, body: payout() }));
    await client.createPayout(input(["150.50", "1500", "0.10", "12345678901234567.89"]));
    const text = seen[0]!.body;
    expect(text).toContain('"amount":150.50,');
    expect(text).toContain('"amount":1500,');
    expect(text).toContain('"amount":0.10,');
    expect(text).toContain('"amount":12345678901234567.89,');
    const parsed = JSON.parse(text);
    expect(typeof parsed.payout_transaction_details[0].amount).toBe("number");
    // Param values stay the strings typed (leading zeros kept); per-transaction external_id passed through.
    expect(parsed.payout_transaction_details[0]).toMatchObject({ external_id: "row-0", payout_method_params: { account_number: "000123" } });
    expect(parsed).toMatchObject({ currency: "PHP", external_id: "batch-1", webhook_notification: { endpoint_url: "https://example.org/hook" } });
  });

  it("refuses an amount that is not a plain decimal before sending anything, naming the field", async () => {
    for (const amount of ["1e3", "-5", "150,50", " 150", "", "150.", ".5", "0x10", "1500 "]) {
      let error: unknown;
      try {
        createPayoutBody(input(["100", amount]));
      } catch (thrown) {
        error = thrown;
      }
      expect(error, amount).toBeInstanceOf(HelloCleverValidationError);
      expect((error as HelloCleverValidationError).fieldErrors[0]?.field).toBe("payout_transaction_details[1].amount");
    }
  });

  it("uses the currency's own credentials when HELLO_CLEVER_CREDENTIALS names it, the default pair otherwise", async () => {
    const balance = { available_balance: 1, incoming_balance: 0, outgoing_balance: 0, rolling_reserve_balance: 0, withdrawable_balance: 1 };
    const { url, seen } = await provider((s) => ({ status: 200, body: s.path.startsWith("/api/v2/balances") ? balance : payout() }));
    const client = createHelloCleverClient({ baseUrl: url, appId: "default-app", secretKey: "default-secret", credentials: { php: { appId: "php-app", secretKey: "php-secret" } } });
    await client.createPayout(input(["200"]));
    await client.getBalance("IDR");
    await client.getPayout("OHXTEF9M", { currency: "PHP" });
    expect(seen.map((s) => [s.headers["app-id"], s.headers["secret-key"]])).toEqual([
      ["php-app", "php-secret"],
      ["default-app", "default-secret"],
      ["php-app", "php-secret"],
    ]);
    expect(client.hasCredentialsFor("PHP")).toBe(true);
  });
});

describe("error bodies: every documented shape, with the field and the provider's words", () => {
  it.each([
    ["code and message", { errors: { code: "REQUIRE_LOGIN", message: "Not Authorised" } }, { code: "REQUIRE_LOGIN", message: "Not Authorised", fieldErrors: [{ field: null, message: "Not Authorised" }] }],
    ["message only", { errors: { message: "Email can't be blank" } }, { code: null, message: "Email can't be blank", fieldErrors: [{ field: null, message: "Email can't be blank" }] }],
    ["a field map", { errors: { refund_amount: "can't be blank" } }, { code: null, message: "refund_amount can't be blank", fieldErrors: [{ field: "refund_amount", message: "can't be blank" }] }],
    ["a field map of lists", { errors: { email: ["is invalid", "is taken"] } }, { message: "email is invalid", fieldErrors: [{ field: "email", message: "is invalid" }, { field: "email", message: "is taken" }] }],
    ["an array of errors", { errors: [{ code: "X1", message: "first", field: "a" }, { message: "second" }] }, { code: "X1", message: "a first", fieldErrors: [{ field: "a", message: "first" }, { field: null, message: "second" }] }],
    ["an array of strings", { errors: ["Amount must be a number"] }, { message: "Amount must be a number" }],
  ])("%s", (_name, body, expected) => {
    expect(readProviderErrors(JSON.stringify(body))).toMatchObject({ readable: true, ...expected });
  });

  it("a body in no known shape is unreadable, and after a create the payout may exist", async () => {
    expect(readProviderErrors("<html>502</html>").readable).toBe(false);
    expect(readProviderErrors('{"ok":false}').readable).toBe(false);
    const { client } = await provider(() => ({ status: 422, body: "<html>oops</html>" }));
    const error = await caught(client.createPayout(input(["200"])));
    expect(error).toMatchObject({ kind: "validation", bodyReadable: false, payoutMayExist: true });
  });

  it("a 422 field map on create: a validation error with the field and the words, nothing may exist", async () => {
    const { client } = await provider(() => ({ status: 422, body: { errors: { "payout_transaction_details[0].email": "can't be blank" } } }));
    const error = await caught(client.createPayout(input(["200"])));
    expect(error).toBeInstanceOf(HelloCleverValidationError);
    expect(error).toMatchObject({
      fieldErrors: [{ field: "payout_transaction_details[0].email", message: "can't be blank" }],
      message: "Hello Clever refused the request: payout_transaction_details[0].email can't be blank",
      payoutMayExist: false,
    });
  });
});

describe("tolerant reads", () => {
  it("keeps an undocumented payout or transaction status as the provider's text, never a parse failure", async () => {
    const { client } = await provider(() => ({
      status: 200,
      body: payout({ status: "on_hold", payout_transactions: [{ ...payout().payout_transactions[0], status: "returned" }] }),
    }));
    const read = await client.getPayout("OHXTEF9M");
    expect(read.status).toBe("on_hold");
    expect(isKnownPayoutStatus(read.status)).toBe(false);
    expect(read.transactions[0]).toMatchObject({ status: "returned", amount: "100.00", payoutMethodParams: { account_number: "123456789999", bank_code: "11111" } });
  });

  it("reads the documented payout with HC_PAYOUT1 as its own error_code", async () => {
    const { client } = await provider(() => ({ status: 200, body: payout({ error_code: "HC_PAYOUT1", error_message: "Insufficient funds to payout. Please topup balance in dashboard" }) }));
    expect(await client.getPayout("OHXTEF9M")).toMatchObject({ status: "created", errorCode: "HC_PAYOUT1" });
  });

  it("parses dates in the documented form and ISO", () => {
    expect(parseProviderDate("2023-04-01T00:00:00.000+0000")?.toISOString()).toBe("2023-04-01T00:00:00.000Z");
    expect(parseProviderDate("2023-04-01T08:30:00.000+0830")?.toISOString()).toBe("2023-04-01T00:00:00.000Z");
    expect(parseProviderDate("2023-04-01T00:00:00Z")?.toISOString()).toBe("2023-04-01T00:00:00.000Z");
    expect(parseProviderDate("2023-04-01T00:00:00+00:00")?.toISOString()).toBe("2023-04-01T00:00:00.000Z");
    expect(parseProviderDate("2023-04-01T00:00:00")?.toISOString()).toBe("2023-04-01T00:00:00.000Z");
    expect(parseProviderDate("2023-02-30T00:00:00Z")).toBeNull();
    expect(parseProviderDate("yesterday")).toBeNull();
  });

  it("reads balances as documented: numbers, no currency field", async () => {
    const { client, seen } = await provider(() => ({
      status: 200,
      body: { available_balance: 1234.5, incoming_balance: 0, outgoing_balance: 10, rolling_reserve_balance: 0, withdrawable_balance: 1234.5 },
    }));
    expect(await client.getBalance()).toMatchObject({ currency: null, availableBalance: "1234.5", outgoingBalance: "10" });
    expect(seen[0]!.path).toBe("/api/v2/balances/detail");
  });
});

describe("findPayoutByExternalId: paging as documented", () => {
  const page = (n: number, records: unknown[], totalPage: number) => ({
    from_date: "x", to_date: "y", page: n, size: 10, next_page: n + 1, total_page: totalPage, total_count: totalPage * 10, records,
  });

  it("stops at total_page even though next_page (as in the docs' example) is never null", async () => {
    const { client, seen } = await provider(() => ({ status: 200, body: page(1, [payout({ external_id: "other" })], 1) }));
    expect(await findPayoutByExternalId(client, "batch-1", { around: new Date("2026-01-01T12:00:00Z") })).toBeNull();
    expect(seen).toHaveLength(1);
  });

  it("stops at an empty page", async () => {
    const { client, seen } = await provider((s) => {
      const n = Number(new URL(s.path, "http://x").searchParams.get("page"));
      return { status: 200, body: { page: n, next_page: n + 1, records: n === 1 ? [payout({ external_id: "other" })] : [] } };
    });
    expect(await findPayoutByExternalId(client, "batch-1", { around: new Date() })).toBeNull();
    expect(seen).toHaveLength(2);
  });

  it("searches a window around the given time, not all history, and finds the payout on a later page", async () => {
    const { client, seen } = await provider((s) => {
      const n = Number(new URL(s.path, "http://x").searchParams.get("page"));
      return { status: 200, body: page(n, [payout({ external_id: n === 3 ? "batch-1" : `other-${n}` })], 5) };
    });
    const found = await findPayoutByExternalId(client, "batch-1", { around: new Date("2026-03-10T12:00:00Z"), marginMs: 3_600_000 });
    expect(found?.externalId).toBe("batch-1");
    const query = new URL(seen[0]!.path, "http://x").searchParams;
    expect([query.get("from_date"), query.get("to_date")]).toEqual(["2026-03-10T11:00:00", "2026-03-10T13:00:00"]);
    expect(seen).toHaveLength(3);
  });

  it("gives up after a bounded number of pages, saying absence is not certain", async () => {
    const { client, seen } = await provider((s) => {
      const n = Number(new URL(s.path, "http://x").searchParams.get("page"));
      return { status: 200, body: page(n, [payout({ external_id: `other-${n}` })], 1_000_000) };
    });
    const error = await caught(findPayoutByExternalId(client, "batch-1", { around: new Date(), maxPages: 5 }));
    expect(error.kind).toBe("protocol");
    expect(seen).toHaveLength(5);
  });
});
