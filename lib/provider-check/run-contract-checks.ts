import { randomUUID } from "node:crypto";
import { createHelloCleverClient, type HelloCleverClient, type HelloCleverClientConfig } from "../hello-clever/client";
import { HelloCleverError } from "../hello-clever/errors";
import { findPayoutByExternalId } from "../hello-clever/find-payout-by-external-id";
import { isKnownPayoutStatus, isKnownTransactionStatus, parseProviderDate, type Payout, type PayoutMethodDetails } from "../hello-clever/types";
import { parseSpec } from "../methods/parse-spec";

/** One documented endpoint (or behaviour) checked against the provider. */
export interface ContractCheck {
  /** e.g. `GET /api/v2/payouts/detail`. */
  endpoint: string;
  /** What was checked, in a few words. */
  what: string;
  /** held: the provider answered as the documentation says; differs: it did not (detail says how); skipped: not checked (detail says why). */
  outcome: "held" | "differs" | "skipped";
  detail: string;
}

export interface ContractCheckOptions {
  /** The method whose params, balance and (with allowPayout) payout are checked. */
  methodName: string;
  /** Also create ONE small payout scheduled a day ahead, read it back and cancel it. Never on by default. */
  allowPayout?: boolean;
  /** Where that payout's webhooks go (https for a real provider). */
  webhookUrl?: string;
  /** How far back the read-only list check looks; default 30 days. */
  lookbackDays?: number;
  now?: () => Date;
}

function describe(error: unknown): string {
  if (error instanceof HelloCleverError) return `${error.kind}${error.httpStatus ? ` (HTTP ${error.httpStatus})` : ""}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** Checks a payout object beyond its schema: dates readable, statuses known (unknown ones are tolerated, but reported). */
function payoutNotes(payout: Payout): string[] {
  const notes: string[] = [];
  if (!isKnownPayoutStatus(payout.status)) notes.push(`undocumented payout status "${payout.status}"`);
  for (const tx of payout.transactions) {
    if (!isKnownTransactionStatus(tx.status)) notes.push(`undocumented transaction status "${tx.status}"`);
  }
  for (const [field, value] of [["created_at", payout.createdAt], ["scheduled_at", payout.scheduledAt]] as const) {
    if (value && !parseProviderDate(value)) notes.push(`${field} "${value}" is not a documented date form`);
  }
  return [...new Set(notes)];
}

/**
 * The client's contract, checked against a provider: the documented read-only endpoints (params,
 * balance, list, detail, authentication, an error body), and, only with `allowPayout`, one small
 * payout scheduled a day ahead (create with a numeric amount, detail, lookup by external_id,
 * cancel). Never throws: every failure is a "differs" line saying how.
 */
export async function runContractChecks(config: HelloCleverClientConfig, options: ContractCheckOptions): Promise<ContractCheck[]> {
  const client = createHelloCleverClient({ ...config, retries: 1, retryBaseDelayMs: 200 });
  const now = options.now ?? (() => new Date());
  const checks: ContractCheck[] = [];
  const check = async (endpoint: string, what: string, run: () => Promise<string | { skipped: string }>) => {
    try {
      const result = await run();
      checks.push(typeof result === "string" ? { endpoint, what, outcome: "held", detail: result } : { endpoint, what, outcome: "skipped", detail: result.skipped });
    } catch (error) {
      checks.push({ endpoint, what, outcome: "differs", detail: describe(error) });
    }
  };

  // Authentication first: a wrong secret must be a 401, not an answer.
  await check("GET /api/v2/balances/detail", "wrong secret-key refused with 401", async () => {
    const wrong = createHelloCleverClient({ ...config, secretKey: `${config.secretKey}-wrong`, credentials: undefined, retries: 0 });
    try {
      await wrong.getBalance();
    } catch (error) {
      if (error instanceof HelloCleverError && error.kind === "authentication") return `401${error.providerCode ? ` ${error.providerCode}` : ""}`;
      throw error;
    }
    throw new Error("answered with wrong credentials");
  });

  let method: PayoutMethodDetails | null = null;
  await check("GET /api/v2/payouts/payout_method/params", `params of ${options.methodName}`, async () => {
    method = await client.getMethodParams(options.methodName);
    const parsed = parseSpec(method.payoutMethodName, method.payoutMethodParams);
    if (!parsed.ok) throw new Error(parsed.error);
    return `${parsed.fields.length} fields, ${method.banks.length} banks, ${method.minAmount}–${method.maxAmount} ${method.currency}`;
  });

  await check("GET /api/v2/payouts/payout_method/params", "an unknown method is refused with a readable error", async () => {
    try {
      await client.getMethodParams(`zz_contract_check_${randomUUID().slice(0, 8)}`);
    } catch (error) {
      if (error instanceof HelloCleverError && error.httpStatus !== null && error.httpStatus >= 400 && error.httpStatus < 500) {
        if (!error.bodyReadable) throw new Error(`HTTP ${error.httpStatus} with an error body in no documented shape`);
        return `HTTP ${error.httpStatus}: ${error.providerMessage ?? "(no message)"}`;
      }
      throw error;
    }
    throw new Error("an unknown method name was answered as a method");
  });

  const currency = (method as PayoutMethodDetails | null)?.currency ?? null;
  await check("GET /api/v2/balances/detail", `balance${currency ? ` in ${currency}` : " (default currency)"}`, async () => {
    const balance = await client.getBalance(currency);
    return `available ${balance.availableBalance}, withdrawable ${balance.withdrawableBalance}`;
  });

  let recent: Payout | null = null;
  await check("GET /api/v2/payouts/all", `payouts of the last ${options.lookbackDays ?? 30} days, page 1`, async () => {
    const to = now();
    const from = new Date(to.getTime() - (options.lookbackDays ?? 30) * 86_400_000);
    const page = await client.listPayouts({ fromDate: from, toDate: to, page: 1, currency });
    recent = page.records[0] ?? null;
    if (page.totalPage === null && page.records.length > 0) throw new Error("no total_page: paging cannot stop on it");
    const notes = page.records.flatMap(payoutNotes);
    return `${page.records.length} records, total_page ${page.totalPage ?? "absent"}, next_page ${page.nextPage ?? "null"}${notes.length ? `; tolerated: ${[...new Set(notes)].join(", ")}` : ""}`;
  });

  await check("GET /api/v2/payouts/detail", "a recent payout read back by uuid", async () => {
    const listed = recent as Payout | null;
    if (!listed) return { skipped: "no payout in the period to read" };
    const payout = await client.getPayout(listed.uuid, { currency: listed.currency });
    const notes = payoutNotes(payout);
    return `status ${payout.status}, ${payout.transactions.length} transactions${notes.length ? `; tolerated: ${notes.join(", ")}` : ""}`;
  });

  await check("GET /api/v2/payouts/detail", "an unknown uuid is refused (422 or 404)", async () => {
    try {
      await client.getPayout("ZZNOPE00");
    } catch (error) {
      if (error instanceof HelloCleverError && error.kind === "not_found") return `HTTP ${error.httpStatus}`;
      throw error;
    }
    throw new Error("an unknown uuid was answered as a payout");
  });

  if (!options.allowPayout) {
    checks.push({ endpoint: "POST /api/v2/payouts", what: "one small payout", outcome: "skipped", detail: "read-only run (--allow-payout creates one, scheduled a day ahead, then cancels it)" });
    return checks;
  }
  await checkOnePayout(client, method, options, now, check);
  return checks;
}

async function checkOnePayout(
  client: HelloCleverClient,
  method: PayoutMethodDetails | null,
  options: ContractCheckOptions,
  now: () => Date,
  check: (endpoint: string, what: string, run: () => Promise<string | { skipped: string }>) => Promise<void>,
): Promise<void> {
  const externalId = `contract-${randomUUID()}`;
  let created: Payout | null = null;
  await check("POST /api/v2/payouts", "one payout at the method's minimum, amount as a JSON number", async () => {
    if (!method) return { skipped: "the method's params could not be read" };
    if (!options.webhookUrl) return { skipped: "no webhook URL to give the payout" };
    const parsed = parseSpec(method.payoutMethodName, method.payoutMethodParams);
    if (!parsed.ok) return { skipped: parsed.error };
    const params = Object.fromEntries(
      parsed.fields.filter((field) => field.required).map((field) => [field.key, field.key === "bank_code" ? (method!.banks[0]?.code ?? "") : field.key === "account_name" ? "Contract Check" : "000000001234"]),
    );
    created = await client.createPayout({
      currency: method.currency,
      payoutMethodName: method.payoutMethodName,
      description: "Payout Desk contract check",
      scheduledAt: new Date(now().getTime() + 86_400_000),
      webhook: { endpointUrl: options.webhookUrl, authorizationHeader: randomUUID() },
      externalId,
      transactions: [{ firstName: "Contract", lastName: "Check", email: "contract-check@example.org", amount: method.minAmount, externalId: `${externalId}-1`, params }],
    });
    return `created ${created.uuid}, status ${created.status}${created.errorCode ? `, error_code ${created.errorCode}` : ""}`;
  });
  await check("GET /api/v2/payouts/detail", "the new payout read back, its transaction by external_id", async () => {
    const payout = created as Payout | null;
    if (!payout) return { skipped: "no payout was created" };
    const detail = await client.getPayout(payout.uuid, { currency: payout.currency });
    if (!detail.transactions.some((tx) => tx.externalId === `${externalId}-1`)) throw new Error("the transaction's external_id did not come back");
    return `status ${detail.status}, total ${detail.totalAmount}`;
  });
  await check("GET /api/v2/payouts/all", "the new payout found by its external_id", async () => {
    const payout = created as Payout | null;
    if (!payout) return { skipped: "no payout was created" };
    const found = await findPayoutByExternalId(client, externalId, { around: now(), marginMs: 15 * 60_000, currency: payout.currency });
    if (found?.uuid !== payout.uuid) throw new Error("not found in the list around its creation time");
    return `found ${found.uuid}`;
  });
  await check("POST /api/v2/payouts/cancel_scheduled", "the new payout cancelled before its scheduled_at", async () => {
    const payout = created as Payout | null;
    if (!payout) return { skipped: "no payout was created" };
    const result = await client.cancelScheduledPayout(payout.uuid, { currency: payout.currency });
    return `status ${result.status}`;
  });
}

/** `held` when nothing differs (skipped checks do not count against it). */
export function contractHeld(checks: readonly ContractCheck[]): boolean {
  return checks.every((check) => check.outcome !== "differs");
}

/** One line per check, for a terminal. */
export function formatContractChecks(checks: readonly ContractCheck[]): string {
  const width = Math.max(...checks.map((check) => check.endpoint.length));
  return checks
    .map((check) => `${check.outcome === "held" ? "held   " : check.outcome === "differs" ? "DIFFERS" : "skipped"}  ${check.endpoint.padEnd(width)}  ${check.what}: ${check.detail}`)
    .join("\n");
}
