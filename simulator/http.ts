import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The v2 pages show three error bodies; the simulator answers in all of them (README, choice 5):
 * `code`: `{ errors: { code, message, field? } }`; `message`: `{ errors: { message } }`;
 * `field_map`: `{ errors: { <field>: "<words>" } }`.
 */
export type ErrorShape = "code" | "message" | "field_map";

export interface ApiError {
  status: number;
  code: string;
  message: string;
  field?: string;
  /** For `field_map`: the words without the field name ("can't be blank"). */
  fieldMessage?: string;
  shape?: ErrorShape;
}

export function apiError(status: number, code: string, message: string, field?: string): ApiError {
  return field === undefined ? { status, code, message } : { status, code, message, field };
}

/** A field's error as a field map: `{ errors: { <field>: "<words>" } }`. */
export function fieldMapError(status: number, field: string, words: string): ApiError {
  return { status, code: "INVALID_PARAMETER", message: `${field} ${words}`, field, fieldMessage: words, shape: "field_map" };
}

/** `{ errors: { message } }`. */
export function messageError(status: number, message: string): ApiError {
  return { status, code: "", message, shape: "message" };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return; // the client hung up (e.g. a held create)
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, error: ApiError): void {
  const { status, shape = "code", fieldMessage, ...errors } = error;
  if (shape === "message") return sendJson(res, status, { errors: { message: errors.message } });
  if (shape === "field_map" && errors.field) return sendJson(res, status, { errors: { [errors.field]: fieldMessage ?? errors.message } });
  sendJson(res, status, { errors });
}

// 10,000 transactions at a few hundred bytes each, with room to spare.
const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** Reads a JSON body; an ApiError for an oversized or malformed one. */
export async function readJsonBody(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; error: ApiError }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return { ok: false, error: apiError(413, "PAYLOAD_TOO_LARGE", "Request body is larger than 20 MB") };
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return { ok: false, error: apiError(400, "BAD_REQUEST", "Request body must be a JSON object") };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: apiError(400, "BAD_REQUEST", "Request body is not valid JSON") };
  }
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}
