import type { IncomingMessage, ServerResponse } from "node:http";
import { staticSecurityHeaders } from "./headers";

// What the custom server (scripts/serve.ts) does to every request before anything answers it.

/** For answers no page renders (the webhook receiver, errors the server writes itself). */
export const NO_CONTENT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Records the client's address from the socket as `x-client-ip` (whatever a client sent under that
 * name is replaced, so sign-in throttling cannot be dodged by a header), and sets the security
 * headers on the response: Next's own answers get the same values again (and a CSP with a nonce)
 * from the proxy; answers Next never sees (the webhook receiver, static files) keep these.
 */
export function prepareEdge(req: IncomingMessage, res: ServerResponse, options: { ownAnswer?: boolean } = {}): void {
  req.headers["x-client-ip"] = req.socket.remoteAddress ?? "unknown";
  for (const [name, value] of Object.entries(staticSecurityHeaders())) res.setHeader(name, value);
  if (options.ownAnswer) {
    res.setHeader("Content-Security-Policy", NO_CONTENT_CSP);
    res.setHeader("Cache-Control", "no-store");
  }
}
