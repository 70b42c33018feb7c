import { z } from "zod";
import { DomainError, httpStatusFor } from "./errors";
import { log } from "./log";
import { inputErrorFrom } from "./security/input-errors";

/** Maps an error thrown in a route handler to a JSON response (unexpected ones: logged, 500). */
export function errorResponse(error: unknown, context: Record<string, unknown> = {}): Response {
  error = inputErrorFrom(error) ?? error; // bad input the database refused: a 422, not a 500
  if (error instanceof DomainError) {
    return Response.json({ error: error.code, message: error.message }, { status: httpStatusFor[error.code] });
  }
  log.error({ err: error, ...context }, "route.failed");
  return Response.json({ error: "internal", message: "Internal error" }, { status: 500 });
}

/** A 422 naming each field a query string got wrong (its schema's messages). */
export function invalidInputResponse(error: z.ZodError): Response {
  return Response.json(
    { error: "invalid", message: error.issues.map((issue) => issue.message).join("; "), fieldErrors: z.flattenError(error).fieldErrors },
    { status: 422 },
  );
}
