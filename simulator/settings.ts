/** Starting balance per currency; `fallback` applies to every currency not named. */
export interface BalanceSetting {
  fallback: string;
  perCurrency: Record<string, string>;
}

export interface SimulatorSettings {
  port: number;
  appId: string;
  secretKey: string;
  stepMs: number;
  webhookRetryDelayMs: number;
  webhookTimeoutMs: number;
  balances: BalanceSetting;
  stateFile: string | null;
  /** Serve the (undocumented) list-methods endpoint; off by default, like the documented API. */
  listMethods: boolean;
  /** How long an HC_PAYOUT1 payout waits in `created` for a top-up before it expires. */
  topUpWaitMs: number;
}

export const DEFAULT_SETTINGS: SimulatorSettings = {
  port: 4010,
  appId: "sandbox-app-id",
  secretKey: "sandbox-secret-key",
  stepMs: 5000,
  webhookRetryDelayMs: 900_000,
  webhookTimeoutMs: 10_000,
  balances: { fallback: "1000000000", perCurrency: {} },
  stateFile: ".data/simulator/state.json",
  listMethods: false,
  topUpWaitMs: 3_600_000,
};

const AMOUNT = /^\d+(\.\d+)?$/;

/** `5000` (every currency), `PHP=5000,IDR=100000`, or both with `*=5000` as the fallback. */
export function parseBalanceSetting(text: string): BalanceSetting {
  const trimmed = text.trim();
  if (AMOUNT.test(trimmed)) return { fallback: trimmed, perCurrency: {} };
  const setting: BalanceSetting = { fallback: DEFAULT_SETTINGS.balances.fallback, perCurrency: {} };
  for (const part of trimmed.split(",")) {
    const [currency, amount] = part.split("=").map((s) => s.trim());
    if (!currency || !amount || !AMOUNT.test(amount) || !/^(\*|[A-Z]{3,4})$/.test(currency)) {
      throw new Error(`SIMULATOR_BALANCE: cannot read "${part}" (expected CUR=amount, e.g. PHP=5000)`);
    }
    if (currency === "*") setting.fallback = amount;
    else setting.perCurrency[currency] = amount;
  }
  return setting;
}

function readInt(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${text}"`);
  return value;
}

function readText(env: Record<string, string | undefined>, name: string, fallback: string): string {
  const text = env[name];
  return text === undefined || text === "" ? fallback : text;
}

function readFlag(env: Record<string, string | undefined>, name: string): boolean {
  const text = env[name];
  if (text === undefined || text === "" || text === "0") return false;
  if (text === "1") return true;
  throw new Error(`${name} must be 0 or 1, got "${text}"`);
}

/** Settings from SIMULATOR_* variables; a bad value stops the boot with the variable's name. */
export function readSimulatorSettings(env: Record<string, string | undefined>): SimulatorSettings {
  const balance = env.SIMULATOR_BALANCE;
  return {
    port: readInt(env, "SIMULATOR_PORT", DEFAULT_SETTINGS.port),
    appId: readText(env, "SIMULATOR_APP_ID", DEFAULT_SETTINGS.appId),
    secretKey: readText(env, "SIMULATOR_SECRET_KEY", DEFAULT_SETTINGS.secretKey),
    stepMs: readInt(env, "SIMULATOR_STEP_MS", DEFAULT_SETTINGS.stepMs),
    webhookRetryDelayMs: readInt(env, "SIMULATOR_WEBHOOK_RETRY_DELAY_MS", DEFAULT_SETTINGS.webhookRetryDelayMs),
    webhookTimeoutMs: readInt(env, "SIMULATOR_WEBHOOK_TIMEOUT_MS", DEFAULT_SETTINGS.webhookTimeoutMs),
    balances: balance ? parseBalanceSetting(balance) : DEFAULT_SETTINGS.balances,
    // SIMULATOR_STATE_FILE=none keeps everything in memory.
    stateFile: env.SIMULATOR_STATE_FILE === "none" ? null : readText(env, "SIMULATOR_STATE_FILE", DEFAULT_SETTINGS.stateFile!),
    listMethods: readFlag(env, "SIMULATOR_LIST_METHODS"),
    topUpWaitMs: readInt(env, "SIMULATOR_TOPUP_WAIT_MS", DEFAULT_SETTINGS.topUpWaitMs),
  };
}
