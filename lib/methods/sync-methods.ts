import { max, notInArray, sql } from "drizzle-orm";
import { recordAudit, type Actor } from "../audit/record-audit";
import type { Db } from "../db";
import { payoutMethods, type NewPayoutMethod } from "../db/schema";
import type { HelloCleverClient } from "../hello-clever/client";
import { HelloCleverError } from "../hello-clever/errors";
import type { PayoutMethodDetails, PayoutMethodSummary } from "../hello-clever/types";
import { parseSpec } from "./parse-spec";

export type SyncMethodsOutcome =
  | { kind: "synced"; syncedAt: Date; total: number; unusable: Array<{ name: string; reason: string }>; withdrawn: string[] }
  /** Hello Clever could not be read: nothing was changed and the stored catalogue keeps serving. */
  | { kind: "unavailable"; message: string; storedSyncedAt: Date | null };

// The params endpoint is read once per method; a few at a time keeps a sync of ~30 methods short
// without hammering the provider.
const CONCURRENCY = 4;

// A refusal about one method (unknown to the provider, malformed answer) makes that method
// unusable; anything else (network, credentials) means the provider cannot be read at all.
const PER_METHOD_KINDS = new Set(["validation", "not_found", "rejected", "protocol"]);

type Fetched = { summary: PayoutMethodSummary } & ({ ok: true; details: PayoutMethodDetails } | { ok: false; reason: string });

/**
 * Fetches the methods catalogue from Hello Clever (the list, then each method's params) and
 * stores it with the raw spec, the parsed fields or the reason a method cannot be used.
 * Writes only after every read succeeded, in one transaction, so a failed sync changes nothing.
 */
export async function syncMethods(
  db: Db,
  input: { client: Pick<HelloCleverClient, "listMethods" | "getMethodParams">; actor: Actor; requestId?: string | null; now?: () => Date },
): Promise<SyncMethodsOutcome> {
  const now = input.now ?? (() => new Date());
  let fetched: Fetched[];
  try {
    const summaries = await input.client.listMethods();
    fetched = await mapWithConcurrency(summaries, CONCURRENCY, async (summary): Promise<Fetched> => {
      try {
        return { summary, ok: true, details: await input.client.getMethodParams(summary.payoutMethodName) };
      } catch (error) {
        if (error instanceof HelloCleverError && PER_METHOD_KINDS.has(error.kind)) return { summary, ok: false, reason: error.message };
        throw error;
      }
    });
  } catch (error) {
    if (!(error instanceof HelloCleverError)) throw error;
    const [stored] = await db.select({ syncedAt: max(payoutMethods.syncedAt) }).from(payoutMethods);
    const storedSyncedAt = stored?.syncedAt ?? null;
    await recordAudit(db, {
      actor: input.actor,
      action: "methods.sync",
      entityType: "payout_methods",
      details: { outcome: "unavailable", kind: error.kind, message: error.message },
      requestId: input.requestId ?? null,
    });
    return { kind: "unavailable", message: error.message, storedSyncedAt };
  }

  const syncedAt = now();
  const rows = fetched.map((item) => toRow(item, syncedAt));
  const unusable = rows.flatMap((row) => (row.parseError ? [{ name: row.name, reason: row.parseError }] : []));
  return db.transaction(async (tx) => {
    if (rows.length > 0) {
      await tx
        .insert(payoutMethods)
        .values(rows)
        .onConflictDoUpdate({
          target: payoutMethods.name,
          set: Object.fromEntries(
            (["currency", "country", "label", "rawParams", "fields", "parseError", "banks", "minAmount", "maxAmount", "requireContact", "requireKyc", "isRefundable", "isCancellable", "syncedAt"] as const).map(
              (key) => [key, sql.raw(`excluded.${payoutMethods[key].name}`)],
            ),
          ),
        });
    }
    // Batches reference methods, so a method the provider stopped listing is kept but unusable.
    const listed = rows.map((row) => row.name);
    const withdrawn = await tx
      .update(payoutMethods)
      .set({ parseError: "Hello Clever no longer lists this method", fields: null, syncedAt })
      .where(listed.length > 0 ? notInArray(payoutMethods.name, listed) : sql`true`)
      .returning({ name: payoutMethods.name });
    await recordAudit(tx, {
      actor: input.actor,
      action: "methods.sync",
      entityType: "payout_methods",
      details: { outcome: "synced", total: rows.length, unusable, withdrawn: withdrawn.map((row) => row.name) },
      requestId: input.requestId ?? null,
    });
    return { kind: "synced", syncedAt, total: rows.length, unusable, withdrawn: withdrawn.map((row) => row.name) };
  });
}

function toRow(item: Fetched, syncedAt: Date): NewPayoutMethod {
  const { summary } = item;
  const name = summary.payoutMethodName;
  const base = { name, country: countryOf(name), syncedAt };
  if (!item.ok) {
    return { ...base, currency: summary.currency, label: summary.description || name, rawParams: null, fields: null, parseError: item.reason, banks: [] };
  }
  const { details } = item;
  const parsed = parseSpec(name, details.payoutMethodParams);
  const hasBankField = parsed.ok && parsed.fields.some((field) => field.key === "bank_code");
  // bank_code is a choice from the method's banks; with no banks it would become free text.
  const parseError = !parsed.ok
    ? parsed.error
    : hasBankField && details.banks.length === 0
      ? `Method ${name}, field bank_code: the method lists no banks to choose from`
      : null;
  return {
    ...base,
    currency: details.currency,
    label: details.description || summary.description || name,
    rawParams: details.payoutMethodParams,
    fields: parsed.ok && parseError === null ? parsed.fields : null,
    parseError,
    banks: details.banks,
    minAmount: details.minAmount,
    maxAmount: details.maxAmount,
    requireContact: details.requireContact,
    requireKyc: details.requireKyc,
    isRefundable: details.isRefundable,
    isCancellable: details.isCancellable,
  };
}

// The provider sends no country; its method names start with the ISO 3166 code ("ph_bank_maya_php").
// A name that does not (usdc_bank) has none, and the picker groups it by currency instead.
function countryOf(name: string): string | null {
  const match = /^([a-z]{2})_/.exec(name);
  return match ? match[1]!.toUpperCase() : null;
}

async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
