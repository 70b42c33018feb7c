import http from "node:http";
import type { AddressInfo } from "node:net";
import { log, type Logger } from "../lib/log";
import { handleApi } from "./api-routes";
import { loadCatalogue } from "./catalogue";
import { handleControl } from "./control-routes";
import { SimulatorEngine } from "./engine";
import { apiError, isLoopbackAddress, sendError } from "./http";
import { DEFAULT_SETTINGS, type SimulatorSettings } from "./settings";

export type SimulatorOptions = Partial<SimulatorSettings> & { logger?: Logger };

export interface RunningSimulator {
  /** Base URL of the provider API, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** Base URL of the control API, `${url}/__control`. */
  controlUrl: string;
  port: number;
  /** Stops accepting requests, cancels timers and in-flight webhooks, writes the state file. */
  close(): Promise<void>;
}

/** Starts the Hello Clever simulator on 127.0.0.1 (port 0 = any free port). Settings default as in README. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const { logger = log.child({ component: "hc-simulator" }), ...overrides } = options;
  const settings: SimulatorSettings = { ...DEFAULT_SETTINGS, ...overrides };
  const engine = new SimulatorEngine(settings, loadCatalogue(), logger);
  await engine.start();

  const server = http.createServer((req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    // One line per request; never headers (they carry app-id/secret-key).
    res.on("finish", () => {
      logger.info({ method: req.method, path: url.pathname, status: res.statusCode, ms: Math.round(performance.now() - started) }, "simulator.request");
    });
    const handle = url.pathname.startsWith("/__control/")
      ? isLoopbackAddress(req.socket.remoteAddress)
        ? handleControl(req, res, url, engine)
        : Promise.resolve(sendError(res, apiError(403, "FORBIDDEN", "The control API answers loopback callers only")))
      : handleApi(req, res, url, engine, settings);
    handle.catch((error: unknown) => {
      if (engine.closed) return res.destroy(); // a wait was cut short by close()
      logger.error({ err: error, path: url.pathname }, "simulator.request_failed");
      sendError(res, apiError(500, "INTERNAL_SERVER_ERROR", "Internal server error"));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.port, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  logger.info({ port, stateFile: settings.stateFile }, "simulator.listening");

  let closing: Promise<void> | null = null;
  return {
    url,
    controlUrl: `${url}/__control`,
    port,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await engine.close(); // releases held responses and in-flight webhooks first
        server.closeAllConnections();
        await stopped;
      })();
      return closing;
    },
  };
}
