import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { nodeRequestBody } from "../../lib/node-request-body";

export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type ServedRoute = { url: string; close: () => Promise<void> };

function toHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

/**
 * Serves one App Router handler over real HTTP on 127.0.0.1, so the simulator can deliver to it:
 * `pattern` matches the path and its named groups become the route params. Other paths: 404.
 */
export async function serveRoute(pattern: RegExp, handlers: Partial<Record<string, RouteHandler>>): Promise<ServedRoute> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const match = pattern.exec(url.pathname);
      if (!match) return void res.writeHead(404).end();
      const handler = handlers[req.method ?? "GET"];
      if (!handler) return void res.writeHead(405).end();
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const request = new Request(url, {
        method: req.method,
        headers: toHeaders(req.headers),
        body: hasBody ? nodeRequestBody(req) : undefined,
        duplex: "half",
      } as RequestInit);
      try {
        const response = await handler(request, { params: Promise.resolve({ ...match.groups }) });
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      } catch (error) {
        res.writeHead(500).end(String(error));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
