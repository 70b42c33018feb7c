import { log } from "../lib/log";
import { startSimulator } from "./server";
import { readSimulatorSettings } from "./settings";

// `npm run simulator`: the Hello Clever stand-in as its own process, configured by SIMULATOR_* variables.
const logger = log.child({ component: "hc-simulator" });
const simulator = await startSimulator({ ...readSimulatorSettings(process.env), logger });
logger.info({ url: simulator.url, controlUrl: simulator.controlUrl }, "simulator.ready");

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // Close cleanly so the state file holds every payout and pending webhook retry.
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "simulator.close_failed");
        process.exit(1);
      },
    );
  });
}
