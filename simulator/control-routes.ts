import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { CreateFault, SimulatorEngine } from "./engine";
import { apiError, readJsonBody, sendError, sendJson } from "./http";
import { toPayoutObject } from "./payout-object";
import { PAYOUT_STATUSES } from "./state";

const AMOUNT = z.union([z.string().regex(/^\d+(\.\d+)?$/), z.number().nonnegative()]).transform(String);

const duplicateSchema = z.object({ count: z.number().int().min(0).default(1) });
const staleSchema = z.object({ uuid: z.string().min(1), after_status: z.enum(PAYOUT_STATUSES).nullable().default(null) });
const dropSchema = z.object({ uuid: z.string().min(1).optional() });
const slowSchema = z.object({ ms: z.number().int().min(0) });
const errorsSchema = z.object({ count: z.number().int().min(0).default(1), status: z.number().int().min(500).max(599).default(503) });
const nextCreateSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("timeout"), hold_ms: z.number().int().min(0).default(60_000) }),
  z.object({ mode: z.literal("500_after_create") }),
  z.object({ mode: z.literal("500_before_create") }),
  z.object({ mode: z.literal("hc_payout1") }),
  z.object({ mode: z.literal("hc_payout2") }),
  z.object({ mode: z.literal("hc_payout1_error") }),
  z.object({ mode: z.literal("hc_payout2_error") }),
]);
const balanceSchema = z.object({
  available_balance: AMOUNT.optional(),
  incoming_balance: AMOUNT.optional(),
  outgoing_balance: AMOUNT.optional(),
  rolling_reserve_balance: AMOUNT.optional(),
});

async function readBody<T extends z.ZodType>(req: IncomingMessage, res: ServerResponse, schema: T): Promise<z.output<T> | null> {
  const body = await readJsonBody(req);
  // An empty body means "all defaults" for the control API.
  const value = body.ok ? body.value : body.error.status === 400 ? {} : null;
  if (value === null) {
    if (!body.ok) sendError(res, body.error);
    return null;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join(".");
    sendError(res, apiError(422, "INVALID_PARAMETER", `${field || "body"}: ${issue.message}`, field || undefined));
    return null;
  }
  return parsed.data;
}

function describeFaults(engine: SimulatorEngine) {
  const f = engine.faults;
  return {
    duplicate_next: f.duplicateNext,
    stale: Object.fromEntries(f.stale),
    drop_all: f.dropAll,
    drop_payouts: [...f.dropPayouts],
    next_create: f.nextCreate,
    slow_ms: f.slowMs,
    fail_next: f.failNext,
  };
}

/** The fault-injection and inspection API under /__control (loopback only, no auth). */
export async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL, engine: SimulatorEngine): Promise<void> {
  const method = req.method ?? "GET";
  const parts = url.pathname.split("/").filter(Boolean).slice(1); // drop "__control"
  const route = `${method} /${parts.join("/")}`;

  // GET /__control/health: readiness probe for launchers.
  if (route === "GET /health") return sendJson(res, 200, { ok: true });

  // GET /__control/payouts: every payout with its external_id and next step time.
  if (route === "GET /payouts") {
    const records = [...engine.payouts.values()].map((p) => ({
      ...toPayoutObject(p),
      next_step_at: p.next_step_at === null ? null : new Date(p.next_step_at).toISOString(),
    }));
    return sendJson(res, 200, { records });
  }

  // GET /__control/deliveries?uuid=: every webhook attempt, oldest first.
  if (route === "GET /deliveries") {
    return sendJson(res, 200, { records: engine.listDeliveries(url.searchParams.get("uuid") ?? undefined) });
  }

  // GET /__control/faults: what is armed. DELETE clears every fault.
  if (route === "GET /faults") return sendJson(res, 200, describeFaults(engine));
  if (route === "DELETE /faults") {
    engine.clearFaults();
    return sendJson(res, 200, describeFaults(engine));
  }

  // POST /__control/faults/duplicate {count}: the next `count` status webhooks are each sent twice.
  if (route === "POST /faults/duplicate") {
    const body = await readBody(req, res, duplicateSchema);
    if (!body) return;
    engine.faults.duplicateNext = body.count;
    return sendJson(res, 200, describeFaults(engine));
  }

  // POST /__control/faults/stale {uuid, after_status?}: after that status is sent, send the previous one too.
  if (route === "POST /faults/stale") {
    const body = await readBody(req, res, staleSchema);
    if (!body) return;
    engine.faults.stale.set(body.uuid, body.after_status);
    return sendJson(res, 200, describeFaults(engine));
  }

  // POST /__control/faults/drop {uuid?}: drop that payout's webhooks, or every webhook from now on.
  if (route === "POST /faults/drop") {
    const body = await readBody(req, res, dropSchema);
    if (!body) return;
    if (body.uuid) engine.faults.dropPayouts.add(body.uuid);
    else engine.faults.dropAll = true;
    return sendJson(res, 200, describeFaults(engine));
  }

  // POST /__control/faults/next-create {mode, hold_ms?}: the next create that passes validation misbehaves.
  if (route === "POST /faults/next-create") {
    const body = await readBody(req, res, nextCreateSchema);
    if (!body) return;
    const fault: CreateFault = body.mode === "timeout" ? { mode: "timeout", holdMs: body.hold_ms } : { mode: body.mode };
    engine.faults.nextCreate = fault;
    return sendJson(res, 200, describeFaults(engine));
  }

  // POST /__control/faults/slow {ms}: every API response waits `ms` longer (0 turns it off).
  if (route === "POST /faults/slow") {
    const body = await readBody(req, res, slowSchema);
    if (!body) return;
    engine.faults.slowMs = body.ms;
    return sendJson(res, 200, describeFaults(engine));
  }

  // POST /__control/faults/errors {count, status?}: the next `count` API requests answer a 5xx (default 503) and do nothing.
  if (route === "POST /faults/errors") {
    const body = await readBody(req, res, errorsSchema);
    if (!body) return;
    engine.faults.failNext = { count: body.count, status: body.status };
    return sendJson(res, 200, describeFaults(engine));
  }

  // POST /__control/payouts/:uuid/advance and /expire: move a payout now; /hold: stop its timed steps.
  const payoutMoves = { advance: engine.advance, expire: engine.expire, hold: engine.hold } as const;
  const move = method === "POST" && parts.length === 3 && parts[0] === "payouts" && Object.hasOwn(payoutMoves, parts[2]!) ? payoutMoves[parts[2] as keyof typeof payoutMoves] : undefined;
  if (move) {
    const uuid = decodeURIComponent(parts[1]!);
    const result = move.call(engine, uuid);
    if (!result.ok) return sendError(res, result.error);
    return sendJson(res, 200, toPayoutObject(result.payout));
  }

  // PUT /__control/balances/:currency {available_balance, ...}: set a balance.
  if (method === "PUT" && parts.length === 2 && parts[0] === "balances") {
    const body = await readBody(req, res, balanceSchema);
    if (!body) return;
    const currency = decodeURIComponent(parts[1]!);
    const balance = engine.setBalance(currency, {
      available: body.available_balance,
      incoming: body.incoming_balance,
      outgoing: body.outgoing_balance,
      rolling_reserve: body.rolling_reserve_balance,
    });
    return sendJson(res, 200, { currency, ...balance });
  }

  // POST /__control/reset: forget everything (payouts, deliveries, faults); balances back to the settings.
  if (route === "POST /reset") {
    engine.reset();
    return sendJson(res, 200, { ok: true });
  }

  sendError(res, apiError(404, "NOT_FOUND", `No control route ${method} ${url.pathname}`));
}
