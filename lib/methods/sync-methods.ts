import { max, notInArray, sql } from "drizzle-orm";
import { recordAudit, type Actor } from "../audit/record-audit";
import type { ServiceContext } from "../context";
import { payoutMethods, type NewPayoutMethod } from "../db/schema";
import type { HelloCleverClient } from "../hello-clever/client";
import { HelloCleverError } from "../hello-clever/errors";
import type { PayoutMethodDetails, PayoutMethodSummary } from "../hello-clever/types";
import { KNOWN_METHODS, type KnownMethod } from "./known-methods";
import { parseSpec } from "./parse-spec";

export type SyncMethodsOutcome =
  | {
      kind: "synced";
      syncedAt: Date;
      total: number;
      /** Methods that cannot be used now: a spec that does not parse, or the provider's refusal or silence (its words). */
      unusable: Array<{ name: string; reason: string }>;
      withdrawn: string[];
    }
  /** Hello Clever could not be read at all: nothing was changed and the stored catalogue keeps serving. */
  | { kind: "unavailable"; message: string; storedSyncedAt: Date | null };

export interface SyncMethodsInput {
  client: Pick<HelloCleverClient, "listMethods" | "getMethodParams">;
  /** The methods to read (default: the shipped list, KNOWN_METHODS); see methodsToSync for HELLO_CLEVER_METHODS. */
  methods?: readonly KnownMethod[];
  /** Also ask the (undocumented) list endpoint for more names; its failure is only logged. */
  useListEndpoint?: boolean;
}

// The params endpoint is read once per method; a few at a time keeps a sync of ~30 methods short
// without hammering the provider.
const CONCURRENCY = 4;

// These mean the provider as a whole could not be read (not one method's problem).
const WHOLE_PROVIDER_KINDS = new Set(["authentication", "unavailable"]);

type Fetched = { method: KnownMethod } & ({ ok: true; details: PayoutMethodDetails } | { ok: false; error: HelloCleverError });

/**
 * Reads the methods catalogue from Hello Clever: each known method's params through the documented
 * params endpoint (the provider documents no list), plus any names an optional list endpoint gives.
 * One method failing (422, timeout, malformed answer) never empties the catalogue: that method is
 * stored as unusable with the provider's reason and the rest sync. Only when no method could be read
 * because the provider is unreachable or refuses the credentials is nothing changed.
 */
export async function syncMethods(ctx: ServiceContext, input: SyncMethodsInput): Promise<SyncMethodsOutcome> {
  const { db } = ctx;
  const methods = [...(input.methods ?? KNOWN_METHODS)];
  if (input.useListEndpoint) {
    try {
      const listed: PayoutMethodSummary[] = await input.client.listMethods();
      for (const summary of listed) {
        if (!methods.some((method) => method.name === summary.payoutMethodName)) {
          methods.push({ name: summary.payoutMethodName, currency: summary.currency, label: summary.description });
        }
      }
    } catch (error) {
      if (!(error instanceof HelloCleverError)) throw error;
      ctx.log.warn({ kind: error.kind, message: error.message }, "methods.list_endpoint_failed");
    }
  }
  const fetched = await mapWithConcurrency(methods, CONCURRENCY, async (method): Promise<Fetched> => {
    try {
      return { method, ok: true, details: await input.client.getMethodParams(method.name, { currency: method.currency }) };
    } catch (error) {
      if (error instanceof HelloCleverError) return { method, ok: false, error };
      throw error;
    }
  });

  const failures = fetched.flatMap((item) => (item.ok ? [] : [item.error]));
  const wholeProviderDown = fetched.length > 0 && failures.length === fetched.length && failures.every((error) => WHOLE_PROVIDER_KINDS.has(error.kind));
  if (wholeProviderDown) {
    const error = failures[0]!;
    const [stored] = await db.select({ syncedAt: max(payoutMethods.syncedAt) }).from(payoutMethods);
    const storedSyncedAt = stored?.syncedAt ?? null;
    await recordAudit(db, {
      actor: auditActor(ctx),
      action: "methods.sync",
      entityType: "payout_methods",
      details: { outcome: "unavailable", kind: error.kind, message: error.message },
      requestId: ctx.requestId,
    });
    return { kind: "unavailable", message: error.message, storedSyncedAt };
  }

  const syncedAt = ctx.now();
  const readable = fetched.filter((item): item is Fetched & { ok: true } => item.ok);
  const rows = readable.map((item) => toRow(item.method, item.details, syncedAt));
  const refused = fetched.flatMap((item) => (item.ok ? [] : [{ method: item.method, reason: reasonOf(item.error) }]));
  const unusable = [
    ...rows.flatMap((row) => (row.parseError ? [{ name: row.name, reason: row.parseError }] : [])),
    ...refused.map((item) => ({ name: item.method.name, reason: item.reason })),
  ];
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
    // A method the provider would not describe is shown unavailable with its words; its last
    // good description is kept (fields cleared only by a later successful read).
    for (const item of refused) {
      await tx
        .insert(payoutMethods)
        .values({
          name: item.method.name,
          currency: item.method.currency ?? "",
          country: countryOf(item.method.name),
          label: item.method.label ?? item.method.name,
          rawParams: null,
          fields: null,
          parseError: item.reason,
          banks: [],
          syncedAt,
        })
        .onConflictDoUpdate({ target: payoutMethods.name, set: { parseError: item.reason, syncedAt } });
    }
    // Batches reference methods, so a method no longer in this console's list is kept but unusable.
    const listed = methods.map((method) => method.name);
    const withdrawn = await tx
      .update(payoutMethods)
      .set({ parseError: "No longer in this console's list of payout methods (HELLO_CLEVER_METHODS)", fields: null, syncedAt })
      .where(listed.length > 0 ? notInArray(payoutMethods.name, listed) : sql`true`)
      .returning({ name: payoutMethods.name });
    await recordAudit(tx, {
      actor: auditActor(ctx),
      action: "methods.sync",
      entityType: "payout_methods",
      details: { outcome: "synced", total: rows.length + refused.length, unusable, withdrawn: withdrawn.map((row) => row.name) },
      requestId: ctx.requestId,
    });
    return { kind: "synced", syncedAt, total: rows.length + refused.length, unusable, withdrawn: withdrawn.map((row) => row.name) };
  });
}

function auditActor(ctx: ServiceContext): Actor {
  return ctx.actor.kind === "user" ? { kind: "user", id: ctx.actor.id, label: ctx.actor.label } : { kind: "system", label: ctx.actor.label };
}

/** The provider's words for why a method cannot be read now. */
function reasonOf(error: HelloCleverError): string {
  const words = error.providerMessage ?? error.message;
  return `Hello Clever could not describe this method: ${words}`;
}

function toRow(method: KnownMethod, details: PayoutMethodDetails, syncedAt: Date): NewPayoutMethod {
  const name = method.name;
  const base = { name, country: countryOf(name), syncedAt };
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
    label: details.description || method.label || name,
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
