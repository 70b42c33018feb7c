import type { BatchStatus, ProviderStatus } from "../db/schema/enums";

// Client-safe (type imports only): the timeline and the apply logic share these rules.

/** Forward order of Hello Clever statuses; the three terminal ones share the last rank. */
const RANK: Record<ProviderStatus, number> = { created: 0, processing: 1, scheduled: 2, completed: 3, expired: 3, cancelled: 3 };

export const PROVIDER_STATUSES = Object.keys(RANK) as ProviderStatus[];

export function isProviderStatus(value: unknown): value is ProviderStatus {
  return typeof value === "string" && value in RANK;
}

export function isTerminalProviderStatus(status: ProviderStatus): boolean {
  return RANK[status] === RANK.completed;
}

/**
 * Forward-only (DESIGN: Batch lifecycle): how a reported status relates to the stored one.
 * Nothing follows a terminal status, and an earlier status is stale, never applied.
 */
export function compareProviderStatus(stored: ProviderStatus | null, reported: ProviderStatus): "forward" | "same" | "stale" {
  if (stored === null) return "forward";
  if (stored === reported) return "same";
  if (isTerminalProviderStatus(stored)) return "stale";
  return RANK[reported] > RANK[stored] ? "forward" : "stale";
}

/** The local batch status that mirrors each provider status. */
export const BATCH_STATUS_FOR_PROVIDER: Record<ProviderStatus, BatchStatus> = {
  created: "submitted",
  processing: "processing",
  scheduled: "scheduled",
  completed: "completed",
  expired: "expired",
  cancelled: "cancelled",
};

/** Local statuses that follow the provider once it holds the payout (others are people's decisions). */
export const PROVIDER_DRIVEN_STATUSES: readonly BatchStatus[] = ["submitting", "submitted", "processing", "scheduled", "needs_attention"];
