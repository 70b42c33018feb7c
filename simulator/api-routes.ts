import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { CONTACT_ROUTES } from "./contacts-routes";
import { addOneYear, parseListDate } from "./dates";
import { HOLD_MESSAGES, type HoldCode, type SimulatorEngine } from "./engine";
import { apiError, messageError, readJsonBody, sendError, sendJson, type ApiError } from "./http";
import { formatAmount } from "./money";
import { toPayoutObject } from "./payout-object";
import type { SimulatorSettings } from "./settings";
import { validateCreate } from "./validate-create";

const PAGE_SIZE = 20;

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function requireQuery(url: URL, name: string): string | ApiError {
  const value = url.searchParams.get(name);
  return value ? value : apiError(400, "BAD_REQUEST", `${name} is required`, name);
}

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL, engine: SimulatorEngine) => Promise<void> | void;

// GET /api/v2/payouts/payout_methods: the catalogue (path and shape assumed; see README).
const listMethods: Handler = (_req, res, _url, engine) => {
  const records = [...engine.methods.values()].map((m) => ({
    payout_method_name: m.payout_method_name,
    currency: m.currency,
    description: m.description,
  }));
  sendJson(res, 200, { records });
};

// GET /api/v2/payouts/payout_method/params: one method's fields, banks and limits.
const getMethodParams: Handler = (_req, res, url, engine) => {
  const name = requireQuery(url, "payout_method_name");
  if (typeof name !== "string") return sendError(res, name);
  const method = engine.methods.get(name);
  if (!method) return sendError(res, messageError(422, `payout_method_name "${name}" is not a payout method`));
  sendJson(res, 200, {
    record: {
      currency: method.currency,
      symbol: method.symbol,
      logo: method.logo,
      payout_method_name: method.payout_method_name,
      description: method.description,
      payment_type: "pay_out",
      payout_method_params: method.payout_method_params,
      banks: method.banks,
      min_amount: method.min_amount,
      max_amount: method.max_amount,
      is_refundable: method.is_refundable,
      is_cancellable: method.is_cancellable,
      require_contact: method.require_contact,
      require_kyc: method.require_kyc,
    },
  });
};

// POST /api/v2/payouts: validates, checks the balance, applies any create fault, records the payout.
const createPayout: Handler = async (req, res, _url, engine) => {
  const body = await readJsonBody(req);
  if (!body.ok) return sendError(res, body.error);
  const result = validateCreate(body.value, engine.methods, (id) => engine.externalIdTaken(id));
  if (!result.ok) return sendError(res, result.error);
  const input = result.value;
  const fault = engine.faults.nextCreate;
  engine.faults.nextCreate = null;
  if (fault?.mode === "500_before_create") {
    return sendError(res, apiError(500, "INTERNAL_SERVER_ERROR", "Internal server error"));
  }
  // The docs show HC_PAYOUT1/HC_PAYOUT2 as the payout's own error_code: the payout is created.
  let hold: HoldCode | null = engine.hasFunds(input.method.currency, input.total) ? null : "HC_PAYOUT1";
  if (fault?.mode === "hc_payout1" || fault?.mode === "hc_payout1_error") hold = "HC_PAYOUT1";
  if (fault?.mode === "hc_payout2" || fault?.mode === "hc_payout2_error") hold = "HC_PAYOUT2";
  const payout = engine.createPayout(input, hold);
  if (hold && (fault?.mode === "hc_payout1_error" || fault?.mode === "hc_payout2_error")) {
    return sendError(res, apiError(422, hold, HOLD_MESSAGES[hold]));
  }
  if (fault?.mode === "500_after_create") {
    return sendError(res, apiError(500, "INTERNAL_SERVER_ERROR", "Internal server error"));
  }
  if (fault?.mode === "timeout") await engine.wait(fault.holdMs);
  sendJson(res, 200, toPayoutObject(payout));
};

// GET /api/v2/payouts/detail: one payout by the provider's uuid.
const getPayout: Handler = (_req, res, url, engine) => {
  const uuid = requireQuery(url, "uuid");
  if (typeof uuid !== "string") return sendError(res, uuid);
  const payout = engine.payouts.get(uuid);
  // The docs list 200/400/401/422 here: an unknown uuid is a 422.
  if (!payout) return sendError(res, messageError(422, `Payout ${uuid} not found`));
  sendJson(res, 200, toPayoutObject(payout));
};

// GET /api/v2/payouts/all: payouts created in a period (≤ 1 year), oldest first, 20 a page.
const listPayouts: Handler = (_req, res, url, engine) => {
  const fromText = requireQuery(url, "from_date");
  if (typeof fromText !== "string") return sendError(res, fromText);
  const toText = requireQuery(url, "to_date");
  if (typeof toText !== "string") return sendError(res, toText);
  const from = parseListDate(fromText, "from");
  if (from === null) return sendError(res, apiError(422, "INVALID_PARAMETER", "from_date must be DD/MM/YY or YYYY-MM-DDThh:mm:ss", "from_date"));
  const to = parseListDate(toText, "to");
  if (to === null) return sendError(res, apiError(422, "INVALID_PARAMETER", "to_date must be DD/MM/YY or YYYY-MM-DDThh:mm:ss", "to_date"));
  if (to < from) return sendError(res, apiError(422, "INVALID_PARAMETER", "to_date must not be before from_date", "to_date"));
  if (to > addOneYear(from)) return sendError(res, apiError(422, "INVALID_PARAMETER", "to_date must be within one year of from_date", "to_date"));
  const pageText = url.searchParams.get("page") ?? "1";
  const page = Number(pageText);
  if (!/^\d+$/.test(pageText) || page < 1) return sendError(res, apiError(422, "INVALID_PARAMETER", "page must be a whole number from 1", "page"));
  const matching = [...engine.payouts.values()]
    .filter((p) => p.created_at >= from && p.created_at <= to)
    .sort((a, b) => a.created_at - b.created_at);
  const totalPage = Math.ceil(matching.length / PAGE_SIZE);
  sendJson(res, 200, {
    from_date: fromText,
    to_date: toText,
    page,
    size: PAGE_SIZE,
    // As in the docs' example (next_page 2 with total_page 1): always page + 1, even on the last page.
    next_page: page + 1,
    total_page: totalPage,
    total_count: matching.length,
    records: matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(toPayoutObject),
  });
};

// POST /api/v2/payouts/cancel_scheduled: cancels a payout still waiting for its scheduled_at.
const cancelScheduled: Handler = async (req, res, _url, engine) => {
  const body = await readJsonBody(req);
  if (!body.ok) return sendError(res, body.error);
  const uuid = (body.value as { uuid?: unknown } | null)?.uuid;
  if (typeof uuid !== "string" || uuid === "") return sendError(res, apiError(400, "BAD_REQUEST", "uuid is required", "uuid"));
  const result = engine.cancelScheduled(uuid);
  if (!result.ok) return sendError(res, result.error);
  sendJson(res, 200, { status: "cancelled" });
};

// GET /api/v2/balances/detail: the merchant's balance in one currency (optional, AUD by default).
// As documented: the five balances are JSON numbers and the answer has no currency field.
const getBalance: Handler = (_req, res, url, engine) => {
  const currency = url.searchParams.get("currency") || "AUD";
  const balance = engine.getBalance(currency);
  if (!balance) return sendError(res, apiError(422, "INVALID_PARAMETER", `currency ${currency} is not supported`, "currency"));
  sendJson(res, 200, {
    available_balance: Number(balance.available),
    incoming_balance: Number(balance.incoming),
    outgoing_balance: Number(balance.outgoing),
    rolling_reserve_balance: Number(balance.rolling_reserve),
    withdrawable_balance: Number(formatAmount(balance.available, currency)),
  });
};

/** Undocumented: served only with SIMULATOR_LIST_METHODS=1. */
export const LIST_METHODS_PATH = "/api/v2/payouts/payout_methods";

const ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  [LIST_METHODS_PATH]: { GET: listMethods },
  "/api/v2/payouts/payout_method/params": { GET: getMethodParams },
  "/api/v2/payouts": { POST: createPayout },
  "/api/v2/payouts/detail": { GET: getPayout },
  "/api/v2/payouts/all": { GET: listPayouts },
  "/api/v2/payouts/cancel_scheduled": { POST: cancelScheduled },
  "/api/v2/balances/detail": { GET: getBalance },
  ...(CONTACT_ROUTES as Record<string, Partial<Record<string, Handler>>>), // contacts (issue 12, payees branch)
};

/** Serves the provider's API: authentication first, then the route. */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  engine: SimulatorEngine,
  settings: SimulatorSettings,
): Promise<void> {
  await engine.wait(engine.faults.slowMs);
  const failing = engine.faults.failNext;
  if (failing.count > 0) {
    failing.count--;
    return sendError(res, apiError(failing.status, "SERVICE_UNAVAILABLE", "Injected failure (control API)"));
  }
  if (!sameSecret(req.headers["app-id"], settings.appId) || !sameSecret(req.headers["secret-key"], settings.secretKey)) {
    return sendError(res, apiError(401, "REQUIRE_LOGIN", "Not Authorised"));
  }
  if (url.pathname === LIST_METHODS_PATH && !settings.listMethods) {
    return sendError(res, apiError(404, "NOT_FOUND", `No route ${url.pathname}`));
  }
  const route = ROUTES[url.pathname];
  if (!route) return sendError(res, apiError(404, "NOT_FOUND", `No route ${url.pathname}`));
  const handler = route[req.method ?? ""];
  if (!handler) return sendError(res, apiError(405, "METHOD_NOT_ALLOWED", `${req.method} is not allowed on ${url.pathname}`));
  await handler(req, res, url, engine);
}
