import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "./server";
import { AUTH, call, control, payoutBody, startReceiver, startTestSimulator, waitFor, type Json } from "./test-support";

let sim: RunningSimulator | undefined;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
afterEach(async () => {
  await sim?.close();
  await receiver?.close();
  sim = undefined;
  receiver = undefined;
});

async function createPayout(webhookUrl = receiver!.url): Promise<Json> {
  const response = await call(sim!, "POST", "/api/v2/payouts", payoutBody({}, webhookUrl));
  expect(response.status).toBe(200);
  return response.body;
}

const advance = (uuid: string) => control(sim!, "POST", `/payouts/${uuid}/advance`);
const deliveries = async (uuid?: string): Promise<Json[]> => (await control(sim!, "GET", `/deliveries${uuid ? `?uuid=${uuid}` : ""}`)).body.records;

describe("webhook retries", () => {
  it("retries a non-200 answer 3 more times, then gives up", async () => {
    receiver = await startReceiver(() => 500);
    sim = await startTestSimulator({ webhookRetryDelayMs: 40 });
    const payout = await createPayout();
    await advance(payout.uuid);
    await waitFor(async () => (await deliveries(payout.uuid)).length === 4);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const records = await deliveries(payout.uuid);
    expect(records.map((d) => [d.attempt, d.http_status])).toEqual([[1, 500], [2, 500], [3, 500], [4, 500]]);
    expect(receiver.received).toHaveLength(4);
  });

  it("stops retrying once the receiver answers 200", async () => {
    receiver = await startReceiver((_r, index) => (index < 2 ? 503 : 200));
    sim = await startTestSimulator({ webhookRetryDelayMs: 30 });
    const payout = await createPayout();
    await advance(payout.uuid);
    await waitFor(async () => (await deliveries(payout.uuid)).some((d) => d.http_status === 200));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await deliveries(payout.uuid)).map((d) => [d.attempt, d.http_status])).toEqual([[1, 503], [2, 503], [3, 200]]);
  });

  it("counts no answer within the timeout as a failure, and an unreachable receiver too", async () => {
    sim = await startTestSimulator({ webhookRetryDelayMs: 60_000, webhookTimeoutMs: 100 });
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const port = (silent.address() as { port: number }).port;
      const payout = await createPayout(`http://127.0.0.1:${port}/hook`);
      await advance(payout.uuid);
      const [record] = await waitFor(async () => {
        const list = await deliveries(payout.uuid);
        return list.length > 0 ? list : undefined;
      });
      expect(record).toMatchObject({ attempt: 1, http_status: null });
      expect(record.error).toContain("no answer within 100 ms");
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await createPayout(`http://127.0.0.1:${closedPort}/hook`);
    await advance(refused.uuid);
    const [record] = await waitFor(async () => {
      const list = await deliveries(refused.uuid);
      return list.length > 0 ? list : undefined;
    });
    // Refused at once, or (on a loaded machine) not within the 100 ms timeout: a failure either way.
    expect(record).toMatchObject({ attempt: 1, http_status: null });
    expect(record.error).toMatch(/ECONNREFUSED|no answer within 100 ms/);
  });
});

describe("webhook faults", () => {
  it("duplicates the next N deliveries", async () => {
    receiver = await startReceiver();
    sim = await startTestSimulator();
    const payout = await createPayout();
    await control(sim, "POST", "/faults/duplicate", { count: 1 });
    await advance(payout.uuid);
    await advance(payout.uuid);
    await waitFor(() => receiver!.received.length === 3);
    expect(receiver.received.map((r) => r.body.status)).toEqual(["processing", "processing", "scheduled"]);
    expect((await deliveries(payout.uuid)).map((d) => d.kind)).toEqual(["normal", "duplicate", "normal"]);
  });

  it("sends a stale earlier status after a newer one", async () => {
    receiver = await startReceiver();
    sim = await startTestSimulator();
    const payout = await createPayout();
    await control(sim, "POST", "/faults/stale", { uuid: payout.uuid, after_status: "scheduled" });
    await advance(payout.uuid);
    await advance(payout.uuid);
    await waitFor(() => receiver!.received.length === 3);
    expect(receiver.received.map((r) => r.body.status)).toEqual(["processing", "scheduled", "processing"]);
    expect((await deliveries(payout.uuid)).at(-1)).toMatchObject({ kind: "stale", status: "processing", http_status: 200 });
  });

  it("drops every webhook of one payout, and of all payouts from then on", async () => {
    receiver = await startReceiver();
    sim = await startTestSimulator();
    const dropped = await createPayout();
    const kept = await createPayout();
    await control(sim, "POST", "/faults/drop", { uuid: dropped.uuid });
    await advance(dropped.uuid);
    await advance(kept.uuid);
    await waitFor(async () => (await deliveries()).length === 2);
    expect(receiver.received.map((r) => r.body.uuid)).toEqual([kept.uuid]);
    expect((await deliveries(dropped.uuid))[0]).toMatchObject({ dropped: true, http_status: null });

    await control(sim, "POST", "/faults/drop", {});
    await advance(kept.uuid);
    await waitFor(async () => (await deliveries()).length === 3);
    expect(receiver.received).toHaveLength(1);
    expect((await control(sim, "GET", "/faults")).body).toMatchObject({ drop_all: true, drop_payouts: [dropped.uuid] });
    await control(sim, "DELETE", "/faults");
    expect((await control(sim, "GET", "/faults")).body).toMatchObject({ drop_all: false, drop_payouts: [] });
  });
});

describe("create faults", () => {
  it("holds the next create's response past the client's timeout, after creating the payout", async () => {
    sim = await startTestSimulator();
    await control(sim, "POST", "/faults/next-create", { mode: "timeout", hold_ms: 2000 });
    const attempt = fetch(`${sim.url}/api/v2/payouts`, {
      method: "POST",
      headers: { "app-id": "sandbox-app-id", "secret-key": "sandbox-secret-key", "content-type": "application/json" },
      body: JSON.stringify(payoutBody({ external_id: "held-1" })),
      signal: AbortSignal.timeout(300),
    });
    // The client gave up (its own 300 ms timeout) while the simulator held the answer.
    await expect(attempt).rejects.toThrow();
    const all = (await control(sim, "GET", "/payouts")).body.records;
    expect(all.map((p: Json) => p.external_id)).toEqual(["held-1"]);
    expect((await call(sim, "POST", "/api/v2/payouts", payoutBody())).status).toBe(200); // one-shot
  });

  it("answers 500 after creating the payout (the ambiguous case)", async () => {
    sim = await startTestSimulator();
    await control(sim, "POST", "/faults/next-create", { mode: "500_after_create" });
    const response = await call(sim, "POST", "/api/v2/payouts", payoutBody({ external_id: "ambiguous-1" }));
    expect(response.status).toBe(500);
    expect(response.body.errors.code).toBe("INTERNAL_SERVER_ERROR");
    const all = (await control(sim, "GET", "/payouts")).body.records;
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ external_id: "ambiguous-1", status: "created" });
  });

  it("answers 500 without creating anything when asked", async () => {
    sim = await startTestSimulator();
    await control(sim, "POST", "/faults/next-create", { mode: "500_before_create" });
    expect((await call(sim, "POST", "/api/v2/payouts", payoutBody())).status).toBe(500);
    expect((await control(sim, "GET", "/payouts")).body.records).toHaveLength(0);
  });

  it("HC_PAYOUT2: the payout is created with error_code set and proceeds to completed", async () => {
    sim = await startTestSimulator({ stepMs: 30 });
    await control(sim, "POST", "/faults/next-create", { mode: "hc_payout2" });
    const response = await call(sim, "POST", "/api/v2/payouts", payoutBody({ external_id: "payto-1" }));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: "created",
      error_code: "HC_PAYOUT2",
      error_message: "Insufficient Balance. Hello Clever will charge your PayTo agreement to pay out",
    });
    await waitFor(async () => (await call(sim!, "GET", `/api/v2/payouts/detail?uuid=${response.body.uuid}`)).body.status === "completed");
  });

  it("HC_PAYOUT1 and HC_PAYOUT2 as a 422 refusal: the payout exists all the same", async () => {
    sim = await startTestSimulator();
    for (const code of ["HC_PAYOUT1", "HC_PAYOUT2"]) {
      await control(sim, "POST", "/faults/next-create", { mode: `${code.toLowerCase()}_error` });
      const response = await call(sim, "POST", "/api/v2/payouts", payoutBody({ external_id: `refused-${code}` }));
      expect(response.status).toBe(422);
      expect(response.body.errors.code).toBe(code);
    }
    const all = (await control(sim, "GET", "/payouts")).body.records;
    expect(all.map((p: Json) => [p.external_id, p.error_code])).toEqual([["refused-HC_PAYOUT1", "HC_PAYOUT1"], ["refused-HC_PAYOUT2", "HC_PAYOUT2"]]);
  });

  it("HC_PAYOUT1 without a top-up in time: the payout expires, nothing refunded twice", async () => {
    sim = await startTestSimulator({ stepMs: 20, topUpWaitMs: 50, balances: { fallback: "100", perCurrency: {} } });
    const response = await call(sim, "POST", "/api/v2/payouts", payoutBody());
    expect(response.body).toMatchObject({ status: "created", error_code: "HC_PAYOUT1" });
    const expired = await waitFor(async () => {
      const detail = (await call(sim!, "GET", `/api/v2/payouts/detail?uuid=${response.body.uuid}`)).body;
      return detail.status === "expired" ? detail : undefined;
    });
    expect(expired.payout_transactions[0]).toMatchObject({ status: "failed", error_message: "Payout expired" });
    expect((await call(sim, "GET", "/api/v2/balances/detail?currency=PHP")).body.available_balance).toBe(100);
  });

  it("refuses an unknown fault mode", async () => {
    sim = await startTestSimulator();
    expect((await control(sim, "POST", "/faults/next-create", { mode: "explode" })).status).toBe(422);
  });
});

describe("other controls", () => {
  it("slows every API response by the given time", async () => {
    sim = await startTestSimulator();
    const balance = "/api/v2/balances/detail?currency=PHP";
    // Slowed past a client's timeout, the answer never arrives in time; unslowed, it does.
    await control(sim, "POST", "/faults/slow", { ms: 60_000 });
    expect((await control(sim, "GET", "/faults")).body.slow_ms).toBe(60_000);
    const slowed = fetch(`${sim.url}${balance}`, { headers: AUTH, signal: AbortSignal.timeout(200) });
    await expect(slowed).rejects.toThrow();
    await control(sim, "POST", "/faults/slow", { ms: 0 });
    expect((await fetch(`${sim.url}${balance}`, { headers: AUTH, signal: AbortSignal.timeout(30_000) })).status).toBe(200);
  });

  it("answers the next N API requests with a 5xx and does nothing", async () => {
    sim = await startTestSimulator();
    await control(sim, "POST", "/faults/errors", { count: 2, status: 502 });
    expect((await call(sim, "POST", "/api/v2/payouts", payoutBody())).status).toBe(502);
    expect((await call(sim, "GET", "/api/v2/balances/detail")).status).toBe(502);
    expect((await call(sim, "GET", "/api/v2/balances/detail")).status).toBe(200);
    expect((await control(sim, "GET", "/payouts")).body.records).toEqual([]);
  });

  it("sets a balance", async () => {
    sim = await startTestSimulator();
    const response = await control(sim, "PUT", "/balances/IDR", { available_balance: 123456.78 });
    expect(response.status).toBe(200);
    expect((await call(sim, "GET", "/api/v2/balances/detail?currency=IDR")).body.available_balance).toBe(123456.78);
  });

  it("resets payouts, deliveries, faults and balances", async () => {
    receiver = await startReceiver();
    sim = await startTestSimulator({ balances: { fallback: "5000", perCurrency: {} } });
    const payout = await createPayout();
    await advance(payout.uuid);
    await control(sim, "POST", "/faults/slow", { ms: 10 });
    await waitFor(async () => (await deliveries()).length === 1);
    await control(sim, "POST", "/reset");
    expect((await control(sim, "GET", "/payouts")).body.records).toEqual([]);
    expect(await deliveries()).toEqual([]);
    expect((await control(sim, "GET", "/faults")).body.slow_ms).toBe(0);
    expect((await call(sim, "GET", "/api/v2/balances/detail?currency=PHP")).body.available_balance).toBe(5000);
    expect((await call(sim, "GET", `/api/v2/payouts/detail?uuid=${payout.uuid}`)).status).toBe(422);
  });
});
