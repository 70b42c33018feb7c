import { afterEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "./server";
import { call, control, payoutBody, startReceiver, startTestSimulator, transaction, waitFor, type Json } from "./test-support";

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const params = (account: string) => ({ account_number: account, account_name: "Someone", bank_code: "600" });

async function detail(uuid: string): Promise<Json> {
  return (await call(sim!, "GET", `/api/v2/payouts/detail?uuid=${uuid}`)).body;
}

describe("status progression", () => {
  it("moves created → processing → scheduled → completed, one step per step interval", async () => {
    sim = await startTestSimulator({ stepMs: 80 });
    const created = (await call(sim, "POST", "/api/v2/payouts", payoutBody())).body;
    expect(created.status).toBe("created");
    // Every status is seen on the way (one step at a time, none skipped), then completed.
    const seen = new Set<string>();
    await waitFor(async () => {
      const status: string = (await detail(created.uuid)).status;
      seen.add(status);
      return status === "completed";
    });
    expect(seen.has("completed")).toBe(true);
    // Each status change leaves a webhook attempt behind, in order.
    const deliveries: Json[] = await waitFor(async () => {
      const list: Json[] = (await control(sim!, "GET", `/deliveries?uuid=${created.uuid}`)).body.records;
      return list.length === 3 ? list : undefined;
    });
    expect(deliveries.map((d) => d.status)).toEqual(["processing", "scheduled", "completed"]);
  });

  it("a held payout has no step timer and moves one status per advance, to completed", async () => {
    sim = await startTestSimulator({ stepMs: 60_000 });
    const created = (await call(sim, "POST", "/api/v2/payouts", payoutBody())).body;
    expect((await control(sim, "POST", `/payouts/${created.uuid}/hold`)).body.status).toBe("created");
    const nextStepAt = async () => ((await control(sim!, "GET", "/payouts")).body.records as Json[]).find((p) => p.uuid === created.uuid)?.next_step_at;
    expect(await nextStepAt()).toBeNull();
    for (const expected of ["processing", "scheduled", "completed"]) {
      expect((await control(sim, "POST", `/payouts/${created.uuid}/advance`)).body.status).toBe(expected);
      expect(await nextStepAt()).toBeNull();
    }
    expect((await control(sim, "POST", "/payouts/not-a-payout/hold")).status).toBe(404);
  });

  it("holds a payout with a future scheduled_at at created until that time", async () => {
    sim = await startTestSimulator({ stepMs: 20 });
    const soon = new Date(Date.now() + 2500).toISOString().slice(0, 19);
    const created = (await call(sim, "POST", "/api/v2/payouts", payoutBody({ scheduled_at: soon }))).body;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await detail(created.uuid)).status).toBe("created");
    await waitFor(async () => (await detail(created.uuid)).status === "completed", 5000);
  });

  it("advances a payout one step on request, without waiting for the timer", async () => {
    sim = await startTestSimulator();
    const created = (await call(sim, "POST", "/api/v2/payouts", payoutBody())).body;
    for (const expected of ["processing", "scheduled", "completed"]) {
      const response = await control(sim, "POST", `/payouts/${created.uuid}/advance`);
      expect(response.body.status).toBe(expected);
    }
    expect((await control(sim, "POST", `/payouts/${created.uuid}/advance`)).status).toBe(409);
  });

  it("keeps transactions pending until completed, then fails accounts ending 0001/0002 while the batch completes", async () => {
    sim = await startTestSimulator();
    const body = payoutBody({
      payout_transaction_details: [
        transaction({ amount: 1000, payout_method_params: params("5550001") }),
        transaction({ amount: 2000, payout_method_params: params("5550002") }),
        transaction({ amount: 3000.25, payout_method_params: params("5550003") }),
      ],
    });
    const created = (await call(sim, "POST", "/api/v2/payouts", body)).body;
    await control(sim, "POST", `/payouts/${created.uuid}/advance`);
    await control(sim, "POST", `/payouts/${created.uuid}/advance`);
    expect((await detail(created.uuid)).payout_transactions.map((t: Json) => t.status)).toEqual(["pending", "pending", "pending"]);
    await control(sim, "POST", `/payouts/${created.uuid}/advance`);
    const done = await detail(created.uuid);
    expect(done.status).toBe("completed");
    const outcome = (account: string) => done.payout_transactions.find((t: Json) => t.payout_method_params.account_number === account);
    expect([outcome("5550001"), outcome("5550002"), outcome("5550003")].map((t: Json) => [t.status, t.error_message])).toEqual([
      ["failed", "Beneficiary account does not exist"],
      ["failed", "Compliance block"],
      ["settled", null],
    ]);
  });

  it("debits the total at create and refunds failed amounts at completion", async () => {
    sim = await startTestSimulator({ balances: { fallback: "10000", perCurrency: {} } });
    const body = payoutBody({
      payout_transaction_details: [
        transaction({ amount: 1000.10, payout_method_params: params("0001") }),
        transaction({ amount: 2000, payout_method_params: params("1234") }),
      ],
    });
    const created = (await call(sim, "POST", "/api/v2/payouts", body)).body;
    const balance = async () => (await call(sim!, "GET", "/api/v2/balances/detail?currency=PHP")).body;
    expect(await balance()).toMatchObject({ available_balance: 6999.9, outgoing_balance: 3000.1 });
    for (let i = 0; i < 3; i++) await control(sim, "POST", `/payouts/${created.uuid}/advance`);
    expect(await balance()).toMatchObject({ available_balance: 8000, outgoing_balance: 0, withdrawable_balance: 8000 });
  });

  it("forces a payout to expired, failing its transactions and refunding it", async () => {
    sim = await startTestSimulator({ balances: { fallback: "10000", perCurrency: {} } });
    const created = (await call(sim, "POST", "/api/v2/payouts", payoutBody())).body;
    const expired = await control(sim, "POST", `/payouts/${created.uuid}/expire`);
    expect(expired.body.status).toBe("expired");
    expect(expired.body.payout_transactions[0]).toMatchObject({ status: "failed", error_message: "Payout expired" });
    expect((await call(sim, "GET", "/api/v2/balances/detail?currency=PHP")).body.available_balance).toBe(10000);
    expect((await control(sim, "POST", `/payouts/${created.uuid}/expire`)).status).toBe(409);
  });

  it("sends a webhook for each status change with the detail body and the payout's Authorization", async () => {
    const receiver = await startReceiver();
    try {
      sim = await startTestSimulator({ stepMs: 30 });
      const created = (await call(sim, "POST", "/api/v2/payouts", payoutBody({}, receiver.url))).body;
      await waitFor(() => receiver.received.length >= 3);
      expect(receiver.received.map((r) => r.body.status)).toEqual(["processing", "scheduled", "completed"]);
      for (const r of receiver.received) {
        expect(r.authorization).toBe("SECRET-1");
        expect(r.contentType).toBe("application/json");
      }
      expect(receiver.received[2]!.body).toEqual(await detail(created.uuid));
      const deliveries = (await control(sim, "GET", `/deliveries?uuid=${created.uuid}`)).body.records;
      expect(deliveries.map((d: Json) => [d.status, d.attempt, d.http_status])).toEqual([
        ["processing", 1, 200],
        ["scheduled", 1, 200],
        ["completed", 1, 200],
      ]);
    } finally {
      await receiver.close();
    }
  });
});
