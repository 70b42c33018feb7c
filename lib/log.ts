import pino from "pino";

/**
 * The one structured logger. Events are `entity.verb` with ids beside them:
 * `log.warn({ batchId }, "submission.ambiguous")`. Never log secrets, Authorization
 * values, passwords or whole request bodies; account numbers only as their last 4 digits.
 */
export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "payout-desk" },
  redact: {
    paths: ["password", "*.password", "secretKey", "*.secretKey", "authorization", "*.authorization", "headers.authorization", "webhookSecret", "*.webhookSecret"],
    censor: "[redacted]",
  },
  timestamp: pino.stdTimeFunctions.isoTime,
});

export type Logger = typeof log;

/** Last four characters of an account number, for logs. */
export function maskAccount(value: string | number | null | undefined): string {
  const text = String(value ?? "");
  return text.length <= 4 ? "****" : `****${text.slice(-4)}`;
}
