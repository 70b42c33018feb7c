import http from "node:http";
import https from "node:https";
import { publicOnlyLookup } from "./url-safety";

export type PostOutcome = { status: number | null; body: string | null; latencyMs: number; error: string | null };

const TIMEOUT_MS = 10_000;
const BODY_LIMIT = 2048;
const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 64 }), https: new https.Agent({ keepAlive: true, maxSockets: 64 }) };

/**
 * POSTs one signed webhook: 10 s timeout, redirects not followed (a 3xx is a failure), private
 * addresses refused after DNS resolution unless allowed. Never throws: the outcome is recorded.
 */
export function postWebhook(url: string, headers: Record<string, string>, body: string, options: { allowPrivate: boolean }): Promise<PostOutcome> {
  const started = performance.now();
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<PostOutcome, "latencyMs">) => {
      if (settled) return;
      settled = true;
      resolve({ ...outcome, latencyMs: Math.round(performance.now() - started) });
    };
    const request = client.request(
      target,
      {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "PayoutDesk-Webhooks/1", "content-length": Buffer.byteLength(body), ...headers },
        lookup: publicOnlyLookup(options.allowPrivate),
        agent: target.protocol === "https:" ? agents.https : agents.http,
        timeout: TIMEOUT_MS,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (size < BODY_LIMIT) chunks.push(chunk);
          size += chunk.length;
        });
        response.on("end", () => finish({ status: response.statusCode ?? null, body: Buffer.concat(chunks).toString("utf8").slice(0, BODY_LIMIT), error: null }));
        response.on("error", (error) => finish({ status: response.statusCode ?? null, body: null, error: error.message }));
      },
    );
    request.on("timeout", () => {
      request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`));
    });
    request.on("error", (error) => finish({ status: null, body: null, error: error.message }));
    request.end(body);
  });
}
