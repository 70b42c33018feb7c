import pino, { type DestinationStream } from "pino";

/** Last four characters of an account number, for logs. */
export function maskAccount(value: string | number | null | undefined): string {
  const text = String(value ?? "");
  return text.length <= 4 ? "****" : `****${text.slice(-4)}`;
}

const SECRET_KEYS = ["password", "newPassword", "secret", "secretKey", "secret_key", "webhookSecret", "authorization", "authorization_header", "cookie", "totpSecret", "recoveryCodes", "apiKey", "token"];
const ACCOUNT_KEYS = ["account_number", "accountNumber"];
// pino's redaction matches exact depths: the top level and three levels down cover our log lines
// (an error's context, a request's headers, a transaction's payout_method_params).
const atDepths = (key: string) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`];

/**
 * Builds the structured logger. Secrets (passwords, keys, Authorization values, cookies) are
 * replaced by "[redacted]" and account numbers keep only their last 4 digits, wherever they sit.
 */
export function createLogger(destination?: DestinationStream) {
  return pino(
    {
      level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
      base: { service: "payout-desk" },
      redact: {
        paths: [...SECRET_KEYS, ...ACCOUNT_KEYS].flatMap(atDepths),
        censor: (value, path) => (ACCOUNT_KEYS.includes(path.at(-1) ?? "") ? maskAccount(value as string | number | null) : "[redacted]"),
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/**
 * The one structured logger. Events are `entity.verb` with ids beside them:
 * `log.warn({ batchId }, "submission.ambiguous")`.
 */
export const log = createLogger();

export type Logger = typeof log;
