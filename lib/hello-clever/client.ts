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
import { readProviderErrors } from "./read-provider-errors";
import {
  balanceSchema,
  cancelResponseSchema,
  listMethodsResponseSchema,
  methodParamsResponseSchema,
  payoutPageSchema,
  payoutSchema,
  type Balance,
  type CallOptions,
  type CancelResult,
  type CreatePayoutInput,
  type ListPayoutsQuery,
  type Payout,
  type PayoutMethodDetails,
  type PayoutMethodSummary,
  type PayoutPage,
  holdCodeOf,
} from "./types";

export interface HelloCleverCredentials {
  appId: string;
  secretKey: string;
}

export interface HelloCleverClientConfig {
  /** e.g. `https://api.cleverhub.co` (sandbox) or the simulator's URL. */
  baseUrl: string;
  appId: string;
  secretKey: string;
  /** Currency (ISO 4217) → its own pair, overriding appId/secretKey for that currency's calls. */
  credentials?: Record<string, HelloCleverCredentials>;
  /** Path of an optional list-methods endpoint (undocumented); listMethods() throws without it. */
  listMethodsPath?: string | null;
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
  /** The undocumented list endpoint, only when configured (`listMethodsPath`); else a HelloCleverRejectedError. */
  listMethods(options?: CallOptions): Promise<PayoutMethodSummary[]>;
  /** `currency` picks the credentials (a method's currency is known from the catalogue). */
  getMethodParams(payoutMethodName: string, options?: CallOptions): Promise<PayoutMethodDetails>;
  /**
   * Never retried: a lost answer throws HelloCleverOutcomeUnknownError. A refusal carrying
   * HC_PAYOUT1/HC_PAYOUT2, or whose body cannot be read, has `payoutMayExist` set.
   */
  createPayout(input: CreatePayoutInput): Promise<Payout>;
  /** 404 or 422 (the docs list no 404 here) for an unknown uuid → HelloCleverNotFoundError. */
  getPayout(uuid: string, options?: CallOptions): Promise<Payout>;
  listPayouts(query: ListPayoutsQuery): Promise<PayoutPage>;
  cancelScheduledPayout(uuid: string, options?: CallOptions): Promise<CancelResult>;
  /** `currency` is optional at the provider (AUD by default). */
  getBalance(currency?: string | null): Promise<Balance>;
  /** True when this client has its own credentials for the currency (HELLO_CLEVER_CREDENTIALS). */
  hasCredentialsFor(currency: string): boolean;
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

function issuePath(path: PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), "");
}

/** Plain digits with an optional fraction: the only amount text written into a body as a JSON number. */
const AMOUNT_LITERAL = /^(0|[1-9]\d*)(\.\d+)?$/;

/**
 * The create body as JSON text, with each `amount` written as a number literal whose text is
 * exactly the stored decimal (`"amount":150.50`): JSON.stringify would go through a JS float.
 */
export function createPayoutBody(input: CreatePayoutInput): string {
  const fieldErrors: HelloCleverFieldError[] = [];
  input.transactions.forEach((tx, index) => {
    if (!AMOUNT_LITERAL.test(tx.amount)) {
      fieldErrors.push({ field: `payout_transaction_details[${index}].amount`, message: `must be a plain decimal such as 150.50 (got ${JSON.stringify(tx.amount)})` });
    }
  });
  if (fieldErrors.length > 0) {
    throw new HelloCleverValidationError(`Hello Clever createPayout: ${fieldErrors[0]!.field} ${fieldErrors[0]!.message}`, fieldErrors, {
      operation: "createPayout",
      fieldErrors,
    });
  }
  const head = {
    currency: input.currency,
    payout_method_name: input.payoutMethodName,
    description: input.description,
    ...(input.scheduledAt ? { scheduled_at: formatProviderDate(input.scheduledAt) } : {}),
    webhook_notification: { endpoint_url: input.webhook.endpointUrl, authorization_header: input.webhook.authorizationHeader },
    ...(input.externalId !== undefined ? { external_id: input.externalId } : {}),
  };
  const transactions = input.transactions.map((tx) => {
    const rest = JSON.stringify({
      last_name: tx.lastName,
      email: tx.email,
      ...(tx.externalId !== undefined ? { external_id: tx.externalId } : {}),
      payout_method_params: Object.fromEntries(Object.entries(tx.params).map(([key, value]) => [key, String(value)])),
    });
    return `{"first_name":${JSON.stringify(tx.firstName)},"amount":${tx.amount},${rest.slice(1)}`;
  });
  const headText = JSON.stringify(head);
  return `${headText.slice(0, -1)},"payout_transaction_details":[${transactions.join(",")}]}`;
}

/** Creates the typed client. Config is passed in (never read from env); credentials are never logged. */
export function createHelloCleverClient(config: HelloCleverClientConfig): HelloCleverClient {
  const baseUrl = config.baseUrl.replace(/\/+$/, "");
  const timeoutMs = config.timeoutMs ?? 10_000;
  const createTimeoutMs = config.createTimeoutMs ?? 30_000;
  const retries = config.retries ?? 2;
  const baseDelayMs = config.retryBaseDelayMs ?? 250;
  const perCurrency = new Map(Object.entries(config.credentials ?? {}).map(([currency, pair]) => [currency.trim().toUpperCase(), pair]));

  function headersFor(currency: string | null | undefined): Record<string, string> {
    const pair = (currency ? perCurrency.get(currency.trim().toUpperCase()) : undefined) ?? { appId: config.appId, secretKey: config.secretKey };
    return { "app-id": pair.appId, "secret-key": pair.secretKey, accept: "application/json" };
  }

  async function attempt(method: "GET" | "POST", path: string, body: string | undefined, timeout: number, currency: string | null | undefined): Promise<Attempt> {
    const headers = headersFor(currency);
    try {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
        body,
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

  /** A definite refusal (4xx other than 408/429) as its typed error, with the provider's field and words. */
  function refusal(operation: string, answer: Answer, options: { unknownAs404?: boolean } = {}): HelloCleverError {
    const read = readProviderErrors(answer.text);
    const context = {
      operation,
      httpStatus: answer.status,
      providerCode: read.code,
      providerMessage: read.message,
      fieldErrors: read.fieldErrors,
      bodyReadable: read.readable,
    };
    const hold = holdCodeOf(read.code);
    if (hold === "HC_PAYOUT1") return new HelloCleverInsufficientFundsError(context);
    if (hold === "HC_PAYOUT2") return new HelloCleverPayToChargeError(context);
    const words = read.message ? `: ${read.message}` : "";
    if (answer.status === 401) return new HelloCleverAuthenticationError(`Hello Clever refused the app id or secret key${words}`, context);
    if (answer.status === 404 || (options.unknownAs404 && answer.status === 422)) {
      return new HelloCleverNotFoundError(`Hello Clever ${operation}: not found${words}`, context);
    }
    if (answer.status === 400 || answer.status === 422) {
      return new HelloCleverValidationError(read.message ? `Hello Clever refused the request: ${read.message}` : `Hello Clever ${operation}: the request was refused (HTTP ${answer.status}, unreadable body)`, read.fieldErrors, context);
    }
    return new HelloCleverRejectedError(`Hello Clever ${operation}: refused with HTTP ${answer.status}${words}`, context);
  }

  /** Reads: retried with exponential backoff and jitter on 408/429/5xx and network failures. */
  async function read<T extends z.ZodType>(
    operation: string,
    path: string,
    schema: T,
    options: { currency?: string | null; unknownAs404?: boolean } = {},
  ): Promise<z.output<T>> {
    let failure = "";
    let lastStatus: number | null = null;
    let lastError: unknown;
    for (let tryIndex = 0; tryIndex <= retries; tryIndex++) {
      const started = performance.now();
      const result = await attempt("GET", path, undefined, timeoutMs, options.currency);
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
          throw refusal(operation, answer, options);
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
  async function write<T extends z.ZodType>(operation: string, path: string, body: string, timeout: number, schema: T, currency: string | null | undefined): Promise<z.output<T>> {
    const started = performance.now();
    const result = await attempt("POST", path, body, timeout, currency);
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
    const read = readProviderErrors(answer.text);
    throw new HelloCleverOutcomeUnknownError(`Hello Clever ${operation}: HTTP ${answer.status}; it may or may not have been done`, {
      operation,
      httpStatus: answer.status,
      providerCode: read.code,
      providerMessage: read.message,
      fieldErrors: read.fieldErrors,
      bodyReadable: read.readable,
    });
  }

  return {
    async listMethods(options) {
      if (!config.listMethodsPath) {
        throw new HelloCleverRejectedError("Hello Clever documents no list-methods endpoint and none is configured (HELLO_CLEVER_LIST_METHODS_PATH)", {
          operation: "listMethods",
        });
      }
      const path = config.listMethodsPath.startsWith("/") ? config.listMethodsPath : `/${config.listMethodsPath}`;
      return (await read("listMethods", path, listMethodsResponseSchema, { currency: options?.currency })).records;
    },

    async getMethodParams(payoutMethodName, options) {
      const query = new URLSearchParams({ payout_method_name: payoutMethodName });
      return (await read("getMethodParams", `/api/v2/payouts/payout_method/params?${query}`, methodParamsResponseSchema, { currency: options?.currency })).record;
    },

    createPayout(input) {
      return write("createPayout", "/api/v2/payouts", createPayoutBody(input), createTimeoutMs, payoutSchema, input.currency);
    },

    getPayout(uuid, options) {
      return read("getPayout", `/api/v2/payouts/detail?${new URLSearchParams({ uuid })}`, payoutSchema, { currency: options?.currency, unknownAs404: true });
    },

    listPayouts({ fromDate, toDate, page = 1, currency }) {
      const query = new URLSearchParams({ from_date: formatProviderDate(fromDate), to_date: formatProviderDate(toDate), page: String(page) });
      return read("listPayouts", `/api/v2/payouts/all?${query}`, payoutPageSchema, { currency });
    },

    cancelScheduledPayout(uuid, options) {
      return write("cancelScheduledPayout", "/api/v2/payouts/cancel_scheduled", JSON.stringify({ uuid }), timeoutMs, cancelResponseSchema, options?.currency);
    },

    getBalance(currency) {
      const query = currency ? `?${new URLSearchParams({ currency })}` : "";
      return read("getBalance", `/api/v2/balances/detail${query}`, balanceSchema, { currency });
    },

    hasCredentialsFor(currency) {
      return perCurrency.has(currency.trim().toUpperCase());
    },
  };
}
