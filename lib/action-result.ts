import { z } from "zod";
import { DomainError } from "./errors";
import { log } from "./log";
import { inputErrorFrom } from "./security/input-errors";

export type ActionResult<T = null> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string[] | undefined>; details?: Record<string, unknown> };

/** A refusal a person can act on keeps its message; anything else is logged once and shown generically. */
export function toActionError(error: unknown, context: Record<string, unknown> = {}): ActionResult<never> {
  error = inputErrorFrom(error) ?? error; // bad input the database refused: a message, not "something went wrong"
  if (error instanceof DomainError) return { ok: false, code: error.code, message: error.message, details: error.details };
  log.error({ err: error, ...context }, "action.failed");
  return { ok: false, code: "internal", message: "Something went wrong on our side. Nothing was changed; try again." };
}

export function invalidInput(error: z.ZodError): ActionResult<never> {
  return { ok: false, code: "invalid", message: "Check the highlighted fields", fieldErrors: z.flattenError(error).fieldErrors as Record<string, string[]> };
}
