import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, maskAccount } from "./log";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const logger = createLogger(stream);
  logger.level = "info";
  return { logger, lines };
}

describe("log redaction", () => {
  it("replaces Authorization values, passwords and secrets wherever they sit", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        headers: { authorization: "batch-secret-value", cookie: "next-auth.session-token=abc" },
        password: "hunter2",
        config: { secretKey: "sk_live_1", appId: "app-1" },
        webhook: { webhook_notification: { authorization_header: "per-payout-secret" } },
      },
      "request.received",
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of ["batch-secret-value", "abc", "hunter2", "sk_live_1", "per-payout-secret"]) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ headers: { authorization: "[redacted]" }, password: "[redacted]", config: { secretKey: "[redacted]", appId: "app-1" } });
  });

  it("keeps only the last 4 digits of account numbers, as strings or numbers, nested or not", () => {
    const { logger, lines } = capture();
    logger.info({ account_number: "001234567890", row: { payout_method_params: { account_number: 9876543210 } }, accountNumber: "12" }, "row.checked");
    expect(lines[0]).toMatchObject({ account_number: "****7890", row: { payout_method_params: { account_number: "****3210" } }, accountNumber: "****" });
  });

  it("masks account numbers for display", () => {
    expect(maskAccount("123456789")).toBe("****6789");
    expect(maskAccount(null)).toBe("****");
  });
});
