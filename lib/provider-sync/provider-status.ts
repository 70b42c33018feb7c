import { KNOWN_PROVIDER_STATUSES, type BatchStatus, type KnownProviderStatus, type ProviderStatus } from "../db/schema/enums";

// Client-safe (type imports and constants only): the timeline, the page and the apply logic share these rules.

/** Forward order of the known Hello Clever statuses; the three terminal ones share the last rank. */
const RANK: Record<KnownProviderStatus, number> = { created: 0, processing: 1, scheduled: 2, completed: 3, expired: 3, cancelled: 3 };

export const PROVIDER_STATUSES = KNOWN_PROVIDER_STATUSES;
export const TERMINAL_PROVIDER_STATUSES: readonly KnownProviderStatus[] = ["completed", "expired", "cancelled"];

/** One of the statuses the console knows (the others are stored and shown as the provider's text). */
export function isProviderStatus(value: unknown): value is KnownProviderStatus {
  return typeof value === "string" && Object.hasOwn(RANK, value);
}

/** Terminal: nothing follows. An unknown status is never terminal (the payout is still read). */
export function isTerminalProviderStatus(status: ProviderStatus | null): boolean {
  return isProviderStatus(status) && RANK[status] === RANK.completed;
}

/**
 * Forward-only (DESIGN: Batch lifecycle): how a reported status relates to the stored one.
 * Nothing follows a terminal status, and an earlier known status is stale, never applied. An
 * unknown status has no place in the order: it is applied (stored as sent) unless the stored
 * status is terminal, and any status may follow it.
 */
export function compareProviderStatus(stored: ProviderStatus | null, reported: ProviderStatus): "forward" | "same" | "stale" {
  if (stored === null) return "forward";
  if (stored === reported) return "same";
  if (isTerminalProviderStatus(stored)) return "stale";
  if (!isProviderStatus(stored) || !isProviderStatus(reported)) return "forward";
  return RANK[reported] > RANK[stored] ? "forward" : "stale";
}

/** The local batch status that mirrors each known provider status. */
export const BATCH_STATUS_FOR_PROVIDER: Record<KnownProviderStatus, BatchStatus> = {
  created: "submitted",
  processing: "processing",
  scheduled: "scheduled",
  completed: "completed",
  expired: "expired",
  cancelled: "cancelled",
};

/**
 * The local status for a provider status: the mirror of a known one; for an unknown one the
 * batch stays where it is (but leaves `submitting`/`needs_attention`: Hello Clever holds it).
 */
export function batchStatusForProvider(status: ProviderStatus, current: BatchStatus): BatchStatus {
  if (isProviderStatus(status)) return BATCH_STATUS_FOR_PROVIDER[status];
  return current === "submitting" || current === "needs_attention" ? "submitted" : current;
}

/** What the page says for a provider status it does not know. */
export function describeProviderStatus(status: string | null): string | null {
  if (status === null) return null;
  return isProviderStatus(status) ? status : `Unknown status: ${status}`;
}

/** Transaction statuses the console knows (assumed list: the docs show `settled` only). */
export const KNOWN_TRANSACTION_STATUSES = ["pending", "settled", "failed"] as const;
export function isKnownTransactionStatus(value: string | null): boolean {
  return value === null || (KNOWN_TRANSACTION_STATUSES as readonly string[]).includes(value);
}

/** Local statuses that follow the provider once it holds the payout (others are people's decisions). */
export const PROVIDER_DRIVEN_STATUSES: readonly BatchStatus[] = ["submitting", "submitted", "processing", "scheduled", "needs_attention"];
