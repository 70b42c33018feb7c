import http from "node:http";
import type { AddressInfo } from "node:net";
import { startSimulator, type RunningSimulator, type SimulatorOptions } from "./server";

// Helpers shared by the simulator's own tests (not shipped behaviour).

// Response bodies are read loosely here; the typed client's tests check shapes with zod.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const AUTH = { "app-id": "sandbox-app-id", "secret-key": "sandbox-secret-key" };

/** An in-process simulator on a free port; no state file unless given one. */
export function startTestSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ port: 0, stateFile: null, stepMs: 60_000, ...options });
}

export async function call(
  sim: RunningSimulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = AUTH,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export function control(sim: RunningSimulator, method: string, path: string, body?: unknown) {
  return call(sim, method, `/__control${path}`, body ?? (method === "GET" ? undefined : {}), {});
}

/** A valid create body for ph_bank_maya_php (min 200, max 50,000 PHP; bank 600). */
export function payoutBody(overrides: Record<string, unknown> = {}, webhookUrl = "http://127.0.0.1:9/hook") {
  return {
    currency: "PHP",
    payout_method_name: "ph_bank_maya_php",
    description: "Payout payment 2023",
    webhook_notification: { endpoint_url: webhookUrl, authorization_header: "SECRET-1" },
    payout_transaction_details: [transaction()],
    ...overrides,
  };
}

export function transaction(overrides: Record<string, unknown> = {}) {
  return {
    first_name: "John",
    last_name: "Scarlet",
    email: "john@example.org",
    amount: 250.5, // a JSON number, as documented
    payout_method_params: { account_number: "123456789", account_name: "John Scarlet", bank_code: "600" },
    ...overrides,
  };
}

export interface ReceivedWebhook {
  authorization: string | undefined;
  contentType: string | undefined;
  body: Json;
}

/** A local webhook receiver; `answer` picks the status code for each delivery (200 by default). */
export async function startReceiver(answer: (received: ReceivedWebhook, index: number) => number = () => 200) {
  const received: ReceivedWebhook[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const item = {
        authorization: req.headers.authorization,
        contentType: req.headers["content-type"],
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")),
      };
      received.push(item);
      res.writeHead(answer(item, received.length - 1)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    received,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 5000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error("waitFor: condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
