import { DomainError, httpStatusFor } from "./errors";
import { log } from "./log";

/** Maps an error thrown in a route handler to a JSON response (unexpected ones: logged, 500). */
export function errorResponse(error: unknown, context: Record<string, unknown> = {}): Response {
  if (error instanceof DomainError) {
    return Response.json({ error: error.code, message: error.message }, { status: httpStatusFor[error.code] });
  }
  log.error({ err: error, ...context }, "route.failed");
  return Response.json({ error: "internal", message: "Internal error" }, { status: 500 });
}
