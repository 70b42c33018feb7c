import type Decimal from "decimal.js";
import type { Method } from "./catalogue";
import { parseIsoSeconds } from "./dates";
import { apiError, fieldMapError, type ApiError } from "./http";
import { minorUnits, Money, parseAmountInput } from "./money";

export const MAX_TRANSACTIONS = 10_000;

// The provider's name rule: letters, digits and inner spaces; no leading/trailing space; not blank.
const NAME = /^(?! )(?! *$)[a-zA-Z0-9 ]*(?<! )$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface ValidatedTransaction {
  first_name: string;
  last_name: string;
  email: string;
  amount: Decimal;
  external_id: string | null;
  payout_method_params: Record<string, string | number>;
}

export interface ValidatedCreate {
  method: Method;
  description: string;
  scheduled_at: number | null;
  webhook_notification: { endpoint_url: string; authorization_header: string };
  external_id: string | null;
  transactions: ValidatedTransaction[];
  total: Decimal;
}

type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

class Invalid extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

// Field rules answer as a field map, `{ errors: { "<field>": "<words>" } }` (one of the documented shapes).
function invalid(field: string, message: string): never {
  throw new Invalid(fieldMapError(422, field, message));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function requireString(body: Record<string, unknown>, key: string, field = key): string {
  const value = body[key];
  if (value === undefined || value === null || value === "") invalid(field, "is required");
  if (typeof value !== "string") invalid(field, "must be a string");
  return value;
}

function optionalString(body: Record<string, unknown>, key: string, field = key): string | null {
  const value = body[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== "string" || value === "") invalid(field, "must be a non-empty string");
  return value;
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function validateWebhook(value: unknown): ValidatedCreate["webhook_notification"] {
  if (value === undefined || value === null) invalid("webhook_notification", "is required");
  if (!isObject(value)) invalid("webhook_notification", "must be an object");
  const endpoint = requireString(value, "endpoint_url", "webhook_notification.endpoint_url");
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    invalid("webhook_notification.endpoint_url", "must be an absolute URL");
  }
  // The provider requires HTTPS; plain HTTP is let through only to this machine, for local development.
  const allowed = url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
  if (!allowed) invalid("webhook_notification.endpoint_url", "must be an https URL (http only for localhost)");
  const authorization = requireString(value, "authorization_header", "webhook_notification.authorization_header");
  if (authorization.trim() === "") invalid("webhook_notification.authorization_header", "is required");
  return { endpoint_url: endpoint, authorization_header: authorization };
}

function validateParams(method: Method, value: unknown, field: string): Record<string, string | number> {
  if (value === undefined || value === null) invalid(field, "is required");
  if (!isObject(value)) invalid(field, "must be an object");
  const known = new Set(method.params.map((p) => p.name));
  for (const key of Object.keys(value)) {
    if (!known.has(key)) invalid(`${field}.${key}`, `is not a parameter of ${method.payout_method_name}`);
  }
  const params: Record<string, string | number> = {};
  for (const spec of method.params) {
    const name = `${field}.${spec.name}`;
    const raw = value[spec.name];
    const blank = raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "");
    if (blank) {
      if (spec.required) invalid(name, `is required (${spec.label})`);
      continue;
    }
    // The create example sends strings and detail shows numbers: both are accepted.
    if (typeof raw !== "string" && !(typeof raw === "number" && Number.isFinite(raw))) {
      invalid(name, "must be a string or a number");
    }
    if (spec.name === "bank_code" && !method.banks.some((bank) => bank.code === String(raw))) {
      invalid(name, `must be one of the bank codes of ${method.payout_method_name}`);
    }
    params[spec.name] = raw;
  }
  return params;
}

function validateAmount(method: Method, value: unknown, field: string): Decimal {
  if (value === undefined || value === null || value === "") invalid(field, "is required");
  // Documented as a number: a string amount is refused, as the provider would.
  if (typeof value === "string") invalid(field, "must be a number");
  const amount = parseAmountInput(value);
  if (!amount) invalid(field, "must be a positive decimal number");
  const decimals = minorUnits(method.currency);
  if (amount.decimalPlaces() > decimals) {
    invalid(field, decimals === 0 ? `must be a whole number of ${method.currency}` : `must have at most ${decimals} decimal places`);
  }
  if (amount.lessThan(method.min_amount) || amount.greaterThan(method.max_amount)) {
    invalid(field, `must be between ${method.min_amount} and ${method.max_amount} ${method.currency}`);
  }
  return amount;
}

function validateTransaction(method: Method, value: unknown, index: number): ValidatedTransaction {
  const field = `payout_transaction_details[${index}]`;
  if (!isObject(value)) invalid(field, "must be an object");
  const names = ["first_name", "last_name"] as const;
  const [firstName, lastName] = names.map((key) => {
    const name = requireString(value, key, `${field}.${key}`);
    if (!NAME.test(name)) invalid(`${field}.${key}`, "may contain only letters, digits and inner spaces");
    return name;
  }) as [string, string];
  const email = requireString(value, "email", `${field}.email`);
  if (email.length > 254 || !EMAIL.test(email)) invalid(`${field}.email`, "must be a valid email address");
  const amount = validateAmount(method, value.amount, `${field}.amount`);
  const externalId = optionalString(value, "external_id", `${field}.external_id`);
  const params = validateParams(method, value.payout_method_params, `${field}.payout_method_params`);
  return { first_name: firstName, last_name: lastName, email, amount, external_id: externalId, payout_method_params: params };
}

function validate(body: unknown, methods: Map<string, Method>, externalIdTaken: (id: string) => boolean): ValidatedCreate {
  if (!isObject(body)) throw new Invalid(apiError(400, "BAD_REQUEST", "Request body must be a JSON object"));
  const methodName = requireString(body, "payout_method_name");
  const method = methods.get(methodName);
  if (!method) invalid("payout_method_name", `"${methodName}" is not a payout method`);
  const currency = requireString(body, "currency");
  if (currency !== method.currency) invalid("currency", `must be ${method.currency} for ${methodName}`);
  const description = requireString(body, "description");
  const length = [...description].length;
  if (length < 5 || length > 90) invalid("description", "must be between 5 and 90 characters");
  const scheduledText = optionalString(body, "scheduled_at");
  const scheduledAt = scheduledText === null ? null : parseIsoSeconds(scheduledText);
  if (scheduledText !== null && scheduledAt === null) invalid("scheduled_at", "must be a UTC time as YYYY-MM-DDTHH:mm:ss");
  const webhook = validateWebhook(body.webhook_notification);
  const externalId = optionalString(body, "external_id");
  const details = body.payout_transaction_details;
  if (details === undefined || details === null) invalid("payout_transaction_details", "is required");
  if (!Array.isArray(details)) invalid("payout_transaction_details", "must be an array");
  if (details.length === 0) invalid("payout_transaction_details", "must have at least 1 transaction");
  if (details.length > MAX_TRANSACTIONS) invalid("payout_transaction_details", `must have at most ${MAX_TRANSACTIONS} transactions`);
  const transactions = details.map((detail, index) => validateTransaction(method, detail, index));
  if (externalId !== null && externalIdTaken(externalId)) {
    throw new Invalid(apiError(422, "DUPLICATE_EXTERNAL_ID", `external_id ${externalId} has already been used by another payout`, "external_id"));
  }
  const total = transactions.reduce((sum, tx) => sum.plus(tx.amount), new Money(0));
  return { method, description, scheduled_at: scheduledAt, webhook_notification: webhook, external_id: externalId, transactions, total };
}

/** Applies every documented create rule; the first broken one is named in `field` and `message`. */
export function validateCreate(
  body: unknown,
  methods: Map<string, Method>,
  externalIdTaken: (id: string) => boolean,
): Result<ValidatedCreate> {
  try {
    return { ok: true, value: validate(body, methods, externalIdTaken) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, error: error.error };
    throw error;
  }
}
