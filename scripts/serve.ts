// One app instance: Next.js behind a thin node:http wrapper that gives every request an id
// and logs one line when it ends (Next's own server has no hook that sees the final status).
// The web app is stateless, so several of these may share one database.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { nodeRequestBody } from "../lib/node-request-body";
import nextEnv from "@next/env";
import next from "next";
import { parseEnv } from "../lib/env";
import { log } from "../lib/log";
import { runShutdownHooks } from "../lib/runtime";
import { prepareEdge } from "../lib/security/server-edge";
import { receiveWebhook } from "../lib/webhooks/receive-webhook";
import { runtimeWebhookDeps } from "../lib/webhooks/runtime-deps";

const dev = process.argv.includes("--dev");
nextEnv.loadEnvConfig(process.cwd(), dev);
let env;
try {
  env = parseEnv(process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const WEBHOOK_PATH = /^\/api\/webhooks\/hello-clever\/([^/?]+)$/;

/**
 * The webhook receiver's hot path skips Next's routing (which costs several times the handler's
 * own work per request) and calls the same receiveWebhook the route handler calls. Other methods
 * on that path (answered 405) and every other request go through Next as usual.
 */
async function serveWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, {
    method: "POST",
    headers,
    body: nodeRequestBody(req),
    duplex: "half",
  } as RequestInit);
  const response = await receiveWebhook(runtimeWebhookDeps(), request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}
const hostname = process.env.HOSTNAME_BIND ?? "0.0.0.0";
const app = next({ dev, turbopack: dev, dir: process.cwd(), hostname: "localhost", port: env.PORT });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((req, res) => {
  const incoming = req.headers["x-request-id"];
  const requestId = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  req.headers["x-request-id"] = requestId;
  res.setHeader("x-request-id", requestId);
  const started = performance.now();
  res.on("finish", () => {
    const path = (req.url ?? "/").split("?")[0];
    if (path?.startsWith("/_next/")) return; // static assets: noise, not requests people make
    log.info({ requestId, method: req.method, path, status: res.statusCode, durationMs: Math.round(performance.now() - started) }, "http.request");
  });
  const webhook = req.method === "POST" ? WEBHOOK_PATH.exec(req.url ?? "") : null;
  prepareEdge(req, res, { ownAnswer: Boolean(webhook?.[1]) });
  if (webhook?.[1]) {
    serveWebhook(req, res).catch((error: unknown) => {
      // Unexpected: a 500 makes Hello Clever retry the delivery later.
      log.error({ err: error, requestId }, "webhook.failed");
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
    return;
  }
  void handle(req, res);
});
server.keepAliveTimeout = 65_000;

server.listen(env.PORT, hostname, () => log.info({ port: env.PORT, dev }, "server.listening"));

function shutdown(signal: string) {
  log.info({ signal }, "server.stopping");
  server.close();
  server.closeIdleConnections();
  // Stop taking jobs and close the pool once requests have drained.
  void runShutdownHooks().then(() => process.exit(0));
  // Long-lived streams (live updates) would hold close() open forever.
  setTimeout(() => process.exit(0), 8000).unref();
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
