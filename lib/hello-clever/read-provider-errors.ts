import type { HelloCleverFieldError } from "./errors";

export interface ProviderErrors {
  /** The first `code` the body carried (e.g. `HC_PAYOUT1`, `REQUIRE_LOGIN`). */
  code: string | null;
  /** The provider's words: the first message, with its field when the body named one. */
  message: string | null;
  fieldErrors: HelloCleverFieldError[];
  /** False when the body was not JSON or matched none of the shapes below. */
  readable: boolean;
}

const UNREADABLE: ProviderErrors = { code: null, message: null, fieldErrors: [], readable: false };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  if (typeof value === "string") return value.trim() || null;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

// Keys of an error object that describe it rather than name a field.
const META_KEYS = new Set(["code", "message", "field", "status", "error_code", "error_message", "detail", "details"]);

/** One entry of `errors` (an object or a string) into field errors and a code. */
function readEntry(entry: unknown, into: { code: string | null; list: HelloCleverFieldError[] }): void {
  if (typeof entry === "string") {
    if (entry.trim()) into.list.push({ field: null, message: entry.trim() });
    return;
  }
  if (!isRecord(entry)) return;
  const code = text(entry.code) ?? text(entry.error_code);
  if (code && !into.code) into.code = code;
  const message = text(entry.message) ?? text(entry.error_message) ?? text(entry.detail);
  const field = text(entry.field);
  if (message) into.list.push({ field, message });
  // A field map: { "refund_amount": "can't be blank" } or { "email": ["is invalid", "is taken"] }.
  for (const [key, value] of Object.entries(entry)) {
    if (META_KEYS.has(key)) continue;
    const messages = Array.isArray(value) ? value.map(text).filter((m): m is string => m !== null) : [text(value)].filter((m): m is string => m !== null);
    for (const m of messages) into.list.push({ field: key, message: m });
  }
}

/**
 * Reads every error shape the v2 docs show, plus their plural forms:
 * `{errors:{code,message}}`, `{errors:{message}}`, a field map `{errors:{field:"can't be blank"}}`,
 * `{errors:[…]}` (objects or strings), and the bare `{error:"…"}` / `{message:"…"}`.
 */
export function readProviderErrors(body: string): ProviderErrors {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return UNREADABLE;
  }
  if (!isRecord(json)) return UNREADABLE;
  const into = { code: null as string | null, list: [] as HelloCleverFieldError[] };
  const errors = json.errors ?? json.error;
  if (Array.isArray(errors)) for (const entry of errors) readEntry(entry, into);
  else if (errors !== undefined) readEntry(errors, into);
  if (into.list.length === 0 && !into.code) {
    const message = text(json.message);
    if (message) into.list.push({ field: null, message });
    const code = text(json.code) ?? text(json.error_code);
    if (code) into.code = code;
  }
  if (into.list.length === 0 && !into.code) return UNREADABLE;
  const first = into.list[0];
  const message = first ? (first.field && !first.message.toLowerCase().includes(first.field.toLowerCase()) ? `${first.field} ${first.message}` : first.message) : null;
  return { code: into.code, message, fieldErrors: into.list, readable: true };
}
