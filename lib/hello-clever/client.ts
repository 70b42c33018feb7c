import type { z } from "zod";
import { log } from "../log";
import {
  HelloCleverAuthenticationError,
  HelloCleverNotFoundError,
  HelloCleverOutcomeUnknownError,
  HelloCleverPayToChargeError,
  HelloCleverProtocolError,
  HelloCleverInsufficientFundsError,
  HelloCleverRejectedError,
  HelloCleverUnavailableError,
  HelloCleverValidationError,
  type HelloCleverError,
  type HelloCleverFieldError,
} from "./errors";
import {
  balanceSchema,
  cancelResponseSchema,
  errorBodySchema,
  listMethodsResponseSchema,
  methodParamsResponseSchema,
  payoutPageSchema,
  payoutSchema,
  type Balance,
  type CancelResult,
  type CreatePayoutInput,
  type ListPayoutsQuery,
  type Payout,
  type PayoutMethodDetails,
  type PayoutMethodSummary,
  type PayoutPage,
} from "./types";

export interface HelloCleverClientConfig {
  /** e.g. `https://api.cleverhub.co` (sandbox) or the simulator's URL. */
  baseUrl: string;
  appId: string;
  secretKey: string;
  /** Per-attempt timeout of reads and cancel; default 10 s. */
  timeoutMs?: number;
  /** Timeout of createPayout (10,000 transactions take a while); default 30 s. */
  createTimeoutMs?: number;
  /** Extra attempts of a read after 429/5xx/network errors; default 2. */
  retries?: number;
  /** First backoff delay; doubles each retry, with jitter. Default 250 ms. */
  retryBaseDelayMs?: number;
}

export interface HelloCleverClient {
  listMethods(): Promise<PayoutMethodSummary[]>;
  getMethodParams(payoutMethodName: string): Promise<PayoutMethodDetails>;
  /** Never retried: a lost answer throws HelloCleverOutcomeUnknownError. */
  createPayout(input: CreatePayoutInput): Promise<Payout>;
  getPayout(uuid: string): Promise<Payout>;
  listPayouts(query: ListPayoutsQuery): Promise<PayoutPage>;
  cancelScheduledPayout(uuid: string): Promise<CancelResult>;
  getBalance(currency: string): Promise<Balance>;
}

const MAX_BACKOFF_MS = 5000;
// Connection never established: the request certainly did not reach the provider.
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

interface Answer {
  status: number;
  text: string;
  retryAfterMs: number | null;
}

type Attempt = { ok: true; answer: Answer } | { ok: false; error: Error; notSent: boolean };

/** The provider's wire format for a UTC time: `YYYY-MM-DDTHH:mm:ss`. */
export function formatProviderDate(date: Date): string {
  return date.toISOString().slice(0, 19);
}

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === "string" ? cause.code : undefined;
}

function describeFailure(error: Error, timeoutMs: number): string {
  if (error.name === "TimeoutError") return `no answer within ${timeoutMs} ms`;
  const code = causeCode(error);
  return code ? `${error.message} (${code})` : error.message;
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

function readProviderErrors(text: string): { code: string | null; message: string | null; fieldErrors: HelloCleverFieldError[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { code: null, message: null, fieldErrors: [] };
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return { code: null, message: null, fieldErrors: [] };
  const list = Array.isArray(parsed.data.errors) ? parsed.data.errors : [parsed.data.errors];
  const first = list[0];
  return {
    code: first?.code ?? null,
    message: first?.message ?? null,
    fieldErrors: list.filter((e) => e.message).map((e) => ({ field: e.field ?? null, message: e.message! })),
  };
}

function issuePath(path: PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), "");
}

/** Creates the typed client. Config is passed in (never read from env); credentials are never logged. */
export function createHelloCleverClient(config: HelloCleverClientConfig): HelloCleverClient {
  const baseUrl = config.baseUrl.replace(/\/+$/, "");
  const timeoutMs = config.timeoutMs ?? 10_000;
  const createTimeoutMs = config.createTimeoutMs ?? 30_000;
  const retries = config.retries ?? 2;
  const baseDelayMs = config.retryBaseDelayMs ?? 250;
  const headers = { "app-id": config.appId, "secret-key": config.secretKey, accept: "application/json" };

  async function attempt(method: "GET" | "POST", path: string, body: unknown, timeout: number): Promise<Attempt> {
    try {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: "manual",
        signal: AbortSignal.timeout(timeout), // covers reading the body too
      });
      const text = await response.text();
      return { ok: true, answer: { status: response.status, text, retryAfterMs: parseRetryAfter(response.headers.get("retry-after")) } };
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      return { ok: false, error: err, notSent: NOT_SENT_CODES.has(causeCode(err) ?? "") };
    }
  }

  function parseBody<T extends z.ZodType>(operation: string, answer: Answer, schema: T): z.output<T> {
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch (error) {
      throw new HelloCleverProtocolError(`Hello Clever ${operation}: the answer is not JSON`, [{ path: "", message: "not JSON" }], {
        operation,
        httpStatus: answer.status,
        cause: error,
      });
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    const issues = parsed.error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message }));
    const summary = issues.slice(0, 3).map((i) => `${i.path || "(body)"}: ${i.message}`).join("; ");
    throw new HelloCleverProtocolError(`Hello Clever ${operation}: unexpected answer (${summary})`, issues, { operation, httpStatus: answer.status });
  }

  /** A definite refusal (4xx other than 408/429) as its typed error. */
  function refusal(operation: string, answer: Answer): HelloCleverError {
    const { code, message, fieldErrors } = readProviderErrors(answer.text);
    const context = { operation, httpStatus: answer.status, providerCode: code };
    if (code === "HC_PAYOUT1") return new HelloCleverInsufficientFundsError(context);
    if (code === "HC_PAYOUT2") return new HelloCleverPayToChargeError(context);
    if (answer.status === 401) return new HelloCleverAuthenticationError("Hello Clever refused the app id or secret key", context);
    if (answer.status === 404) return new HelloCleverNotFoundError(message ?? `Hello Clever ${operation}: not found`, context);
    if (answer.status === 400 || answer.status === 422) {
      return new HelloCleverValidationError(message ?? `Hello Clever ${operation}: the request was refused`, fieldErrors, context);
    }
    return new HelloCleverRejectedError(message ?? `Hello Clever ${operation}: refused with HTTP ${answer.status}`, context);
  }

  /** Reads: retried with exponential backoff and jitter on 408/429/5xx and network failures. */
  async function read<T extends z.ZodType>(operation: string, path: string, schema: T): Promise<z.output<T>> {
    let failure = "";
    let lastStatus: number | null = null;
    let lastError: unknown;
    for (let tryIndex = 0; tryIndex <= retries; tryIndex++) {
      const started = performance.now();
      const result = await attempt("GET", path, undefined, timeoutMs);
      const ms = Math.round(performance.now() - started);
      let retryAfterMs: number | null = null;
      if (result.ok) {
        const { answer } = result;
        log.debug({ operation, status: answer.status, ms, attempt: tryIndex + 1 }, "hello_clever.request");
        if (answer.status >= 200 && answer.status < 300) return parseBody(operation, answer, schema);
        if (!isRetryableStatus(answer.status)) {
          if (answer.status >= 300 && answer.status < 400) {
            throw new HelloCleverProtocolError(`Hello Clever ${operation}: unexpected redirect (HTTP ${answer.status})`, [], { operation, httpStatus: answer.status });
          }
          throw refusal(operation, answer);
        }
        failure = `HTTP ${answer.status}`;
        lastStatus = answer.status;
        retryAfterMs = answer.retryAfterMs;
      } else {
        failure = describeFailure(result.error, timeoutMs);
        lastError = result.error;
      }
      if (tryIndex === retries) break;
      const backoff = Math.min(MAX_BACKOFF_MS, baseDelayMs * 2 ** tryIndex);
      const delay = Math.min(MAX_BACKOFF_MS, retryAfterMs ?? backoff / 2 + Math.random() * (backoff / 2));
      log.warn({ operation, failure, attempt: tryIndex + 1, delayMs: Math.round(delay) }, "hello_clever.retry");
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    throw new HelloCleverUnavailableError(`Hello Clever ${operation} failed after ${retries + 1} attempts: ${failure}`, {
      operation,
      httpStatus: lastStatus,
      cause: lastError,
    });
  }

  /**
   * Writes: one attempt only (at-most-once). Without a definite answer the provider may have
   * acted, so the caller gets HelloCleverOutcomeUnknownError and must look the result up.
   */
  async function write<T extends z.ZodType>(operation: string, path: string, body: unknown, timeout: number, schema: T): Promise<z.output<T>> {
    const started = performance.now();
    const result = await attempt("POST", path, body, timeout);
    const ms = Math.round(performance.now() - started);
    if (!result.ok) {
      const failure = describeFailure(result.error, timeout);
      if (result.notSent) {
        throw new HelloCleverUnavailableError(`Hello Clever ${operation}: could not connect (${failure}); nothing was sent`, { operation, cause: result.error });
      }
      log.warn({ operation, failure, ms }, "hello_clever.outcome_unknown");
      throw new HelloCleverOutcomeUnknownError(`Hello Clever ${operation}: no answer (${failure}); it may or may not have been done`, {
        operation,
        cause: result.error,
      });
    }
    const { answer } = result;
    log.debug({ operation, status: answer.status, ms }, "hello_clever.request");
    if (answer.status >= 200 && answer.status < 300) {
      try {
        return parseBody(operation, answer, schema);
      } catch (error) {
        // A 2xx means it was done; an unreadable one leaves us unable to say what was done.
        log.warn({ operation, status: answer.status }, "hello_clever.outcome_unknown");
        throw new HelloCleverOutcomeUnknownError(`Hello Clever ${operation}: answered ${answer.status} but the body was unreadable`, {
          operation,
          httpStatus: answer.status,
          cause: error,
        });
      }
    }
    const definite = answer.status >= 400 && answer.status < 500 && answer.status !== 408 && answer.status !== 429;
    if (definite) throw refusal(operation, answer);
    log.warn({ operation, status: answer.status, ms }, "hello_clever.outcome_unknown");
    throw new HelloCleverOutcomeUnknownError(`Hello Clever ${operation}: HTTP ${answer.status}; it may or may not have been done`, {
      operation,
      httpStatus: answer.status,
      providerCode: readProviderErrors(answer.text).code,
    });
  }

  return {
    async listMethods() {
      return (await read("listMethods", "/api/v2/payouts/payout_methods", listMethodsResponseSchema)).records;
    },

    async getMethodParams(payoutMethodName) {
      const query = new URLSearchParams({ payout_method_name: payoutMethodName });
      return (await read("getMethodParams", `/api/v2/payouts/payout_method/params?${query}`, methodParamsResponseSchema)).record;
    },

    createPayout(input) {
      const body = {
        currency: input.currency,
        payout_method_name: input.payoutMethodName,
        description: input.description,
        ...(input.scheduledAt ? { scheduled_at: formatProviderDate(input.scheduledAt) } : {}),
        webhook_notification: { endpoint_url: input.webhook.endpointUrl, authorization_header: input.webhook.authorizationHeader },
        ...(input.externalId !== undefined ? { external_id: input.externalId } : {}),
        payout_transaction_details: input.transactions.map((tx) => ({
          first_name: tx.firstName,
          last_name: tx.lastName,
          email: tx.email,
          amount: tx.amount, // a decimal string: never a float on the wire
          ...(tx.externalId !== undefined ? { external_id: tx.externalId } : {}),
          payout_method_params: tx.params,
        })),
      };
      return write("createPayout", "/api/v2/payouts", body, createTimeoutMs, payoutSchema);
    },

    getPayout(uuid) {
      return read("getPayout", `/api/v2/payouts/detail?${new URLSearchParams({ uuid })}`, payoutSchema);
    },

    listPayouts({ fromDate, toDate, page = 1 }) {
      const query = new URLSearchParams({ from_date: formatProviderDate(fromDate), to_date: formatProviderDate(toDate), page: String(page) });
      return read("listPayouts", `/api/v2/payouts/all?${query}`, payoutPageSchema);
    },

    cancelScheduledPayout(uuid) {
      return write("cancelScheduledPayout", "/api/v2/payouts/cancel_scheduled", { uuid }, timeoutMs, cancelResponseSchema);
    },

    getBalance(currency) {
      return read("getBalance", `/api/v2/balances/detail?${new URLSearchParams({ currency })}`, balanceSchema);
    },
  };
}
