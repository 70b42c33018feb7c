// npm run test:contract [-- --allow-payout] [--method <name>]
//
// Checks the Hello Clever client's contract, endpoint by endpoint, printing held / differs (how).
// With HELLO_CLEVER_BASE_URL, HELLO_CLEVER_APP_ID and HELLO_CLEVER_SECRET_KEY set: against that
// provider (a merchant's sandbox), read-only unless --allow-payout (then ONE payout at the
// method's minimum, scheduled a day ahead, is created and cancelled; its webhook goes to
// PUBLIC_BASE_URL). Without them: against a simulator started here, payout included.
import { parseArgs } from "node:util";
import { log } from "../lib/log";
import { formatContractChecks, contractHeld, runContractChecks } from "../lib/provider-check/run-contract-checks";
import { startSimulator } from "../simulator/server";

const { values } = parseArgs({ options: { "allow-payout": { type: "boolean", default: false }, method: { type: "string" } } });
const env = process.env;
const real = Boolean(env.HELLO_CLEVER_BASE_URL);
if (real && !(env.HELLO_CLEVER_APP_ID && env.HELLO_CLEVER_SECRET_KEY)) {
  console.error("HELLO_CLEVER_BASE_URL is set: HELLO_CLEVER_APP_ID and HELLO_CLEVER_SECRET_KEY are needed too");
  process.exit(2);
}
const method = values.method ?? env.HELLO_CLEVER_METHODS?.split(",").map((m) => m.trim().replace(/^\+/, "")).find((m) => m && !m.startsWith("-")) ?? "ph_bank_maya_php";
const quiet = log.child({ component: "hc-simulator" });
quiet.level = "warn";
const sim = real ? null : await startSimulator({ port: 0, stateFile: null, stepMs: 60_000, logger: quiet });
try {
  const credentials = env.HELLO_CLEVER_CREDENTIALS ? (JSON.parse(env.HELLO_CLEVER_CREDENTIALS) as Record<string, { appId: string; secretKey: string }>) : undefined;
  const config = sim
    ? { baseUrl: sim.url, appId: "sandbox-app-id", secretKey: "sandbox-secret-key" }
    : { baseUrl: env.HELLO_CLEVER_BASE_URL!, appId: env.HELLO_CLEVER_APP_ID!, secretKey: env.HELLO_CLEVER_SECRET_KEY!, credentials };
  const allowPayout = sim ? true : values["allow-payout"];
  const webhookUrl = sim ? "http://127.0.0.1:9/contract-check" : env.PUBLIC_BASE_URL ? `${env.PUBLIC_BASE_URL.replace(/\/$/, "")}/api/webhooks/hello-clever/contract-check` : undefined;
  console.log(`Hello Clever contract: ${sim ? `the simulator (${sim.url})` : config.baseUrl}, method ${method}${allowPayout ? ", one payout" : ", read-only"}\n`);
  const checks = await runContractChecks(config, { methodName: method, allowPayout, webhookUrl });
  console.log(formatContractChecks(checks));
  const held = contractHeld(checks);
  console.log(`\n${held ? "The contract held" : "The provider differs from the contract (see DIFFERS)"}: ${checks.filter((c) => c.outcome === "held").length} held, ${checks.filter((c) => c.outcome === "differs").length} differ, ${checks.filter((c) => c.outcome === "skipped").length} skipped`);
  process.exitCode = held ? 0 : 1;
} finally {
  await sim?.close();
}
