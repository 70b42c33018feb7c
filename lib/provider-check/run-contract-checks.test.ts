import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../../simulator/server";
import { contractHeld, formatContractChecks, runContractChecks } from "./run-contract-checks";

// `npm run test:contract` against the simulator (the same checks run against a real sandbox
// when HELLO_CLEVER_BASE_URL and credentials are set; see scripts/test-contract.ts).

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, stateFile: null, stepMs: 60_000 });
});
afterAll(() => sim.close());

const config = () => ({ baseUrl: sim.url, appId: "sandbox-app-id", secretKey: "sandbox-secret-key" });

describe("the client's contract against the simulator", () => {
  it("holds on every documented endpoint, with one payout created, read, found and cancelled", async () => {
    const checks = await runContractChecks(config(), { methodName: "ph_bank_maya_php", allowPayout: true, webhookUrl: "http://127.0.0.1:9/hook" });
    expect(formatContractChecks(checks)).not.toContain("DIFFERS");
    expect(contractHeld(checks)).toBe(true);
    expect(checks.filter((c) => c.outcome === "held").map((c) => c.endpoint)).toEqual(
      expect.arrayContaining([
        "GET /api/v2/payouts/payout_method/params",
        "GET /api/v2/balances/detail",
        "GET /api/v2/payouts/all",
        "GET /api/v2/payouts/detail",
        "POST /api/v2/payouts",
        "POST /api/v2/payouts/cancel_scheduled",
      ]),
    );
    const payouts = (await (await fetch(`${sim.controlUrl}/payouts`)).json()) as { records: Array<{ status: string }> };
    expect(payouts.records.map((p) => p.status)).toEqual(["cancelled"]);
  });

  it("read-only by default: creates nothing", async () => {
    await fetch(`${sim.controlUrl}/reset`, { method: "POST" });
    const checks = await runContractChecks(config(), { methodName: "ph_bank_maya_php" });
    expect(contractHeld(checks)).toBe(true);
    expect(checks.find((c) => c.endpoint === "POST /api/v2/payouts")).toMatchObject({ outcome: "skipped" });
    const payouts = (await (await fetch(`${sim.controlUrl}/payouts`)).json()) as { records: unknown[] };
    expect(payouts.records).toEqual([]);
  });

  it("says how a provider differs: string balances with a currency, 404 unknown uuid, unreadable errors", async () => {
    const legacy = http.createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://x");
      res.setHeader("content-type", "application/json");
      if (req.headers["secret-key"] !== "s") return void res.writeHead(401).end('{"errors":{"code":"REQUIRE_LOGIN","message":"Not Authorised"}}');
      if (url.pathname === "/api/v2/balances/detail") return void res.end('{"currency":"PHP","available_balance":"abc"}');
      if (url.pathname === "/api/v2/payouts/detail") return void res.writeHead(404).end("not here");
      res.writeHead(500).end("{}");
    });
    await new Promise<void>((resolve) => legacy.listen(0, "127.0.0.1", resolve));
    try {
      const checks = await runContractChecks({ baseUrl: `http://127.0.0.1:${(legacy.address() as AddressInfo).port}`, appId: "a", secretKey: "s" }, { methodName: "ph_bank_maya_php" });
      expect(contractHeld(checks)).toBe(false);
      const balance = checks.find((c) => c.what.startsWith("balance"));
      expect(balance).toMatchObject({ outcome: "differs", detail: expect.stringContaining("available_balance") });
      expect(checks.find((c) => c.what.startsWith("params of"))).toMatchObject({ outcome: "differs", detail: expect.stringContaining("HTTP 500") });
    } finally {
      legacy.closeAllConnections();
      await new Promise((resolve) => legacy.close(resolve));
    }
  });
});
