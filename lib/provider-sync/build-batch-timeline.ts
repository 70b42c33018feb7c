import type { ProviderStatus } from "../db/schema/enums";
import { compareProviderStatus, isProviderStatus } from "./provider-status";

// Client-safe and pure: turns stored provider events and deliveries into the batch timeline.

export type ProviderEventInput = {
  id: number;
  at: Date;
  source: string;
  providerStatus: string | null;
  outcome: string;
  detail: Record<string, unknown> | null;
};

export type DeliveryInput = { id: number; at: Date; claimedStatus: string | null; malformed: boolean; processedAt: Date | null };

/** How a webhook delivery related to what the console already knew when it arrived. */
export type DeliveryKind = "new" | "repeated" | "stale" | "malformed" | "unrecognised";

export type TimelineEntry =
  | { type: "provider"; id: string; at: Date; source: string; status: string | null; outcome: string; detail: Record<string, unknown> | null }
  | { type: "delivery"; id: string; at: Date; claimedStatus: string | null; kind: DeliveryKind; processed: boolean };

/**
 * Merges provider reads and webhook deliveries, newest first. Each delivery is classified
 * against the furthest status known when it arrived (applied, or claimed by an earlier
 * delivery): an earlier status is stale, one already seen is repeated (forward-only).
 */
export function buildBatchTimeline(events: ProviderEventInput[], deliveries: DeliveryInput[]): TimelineEntry[] {
  type Item = { at: Date; order: number; id: number; event?: ProviderEventInput; delivery?: DeliveryInput };
  // Same instant: the provider read first, then the delivery; then by insertion order.
  const items: Item[] = [
    ...events.map((event): Item => ({ at: event.at, order: 0, id: event.id, event })),
    ...deliveries.map((delivery): Item => ({ at: delivery.at, order: 1, id: delivery.id, delivery })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order || a.id - b.id);

  let furthest: ProviderStatus | null = null;
  const seen = new Set<string>();
  const advance = (status: ProviderStatus) => {
    if (compareProviderStatus(furthest, status) === "forward") furthest = status;
  };
  const entries: TimelineEntry[] = [];
  for (const item of items) {
    if (item.event) {
      const event = item.event;
      if (event.outcome === "applied" && isProviderStatus(event.providerStatus)) {
        advance(event.providerStatus);
        seen.add(event.providerStatus);
      }
      entries.push({ type: "provider", id: `event-${event.id}`, at: event.at, source: event.source, status: event.providerStatus, outcome: event.outcome, detail: event.detail });
      continue;
    }
    const delivery = item.delivery!;
    const claimed = delivery.claimedStatus;
    let kind: DeliveryKind;
    if (delivery.malformed) kind = "malformed";
    else if (!isProviderStatus(claimed)) kind = "unrecognised";
    else if (compareProviderStatus(furthest, claimed) === "stale") kind = "stale";
    else if (seen.has(claimed)) kind = "repeated";
    else kind = "new";
    if (isProviderStatus(claimed) && kind !== "stale") {
      advance(claimed);
      seen.add(claimed);
    }
    entries.push({ type: "delivery", id: `delivery-${delivery.id}`, at: delivery.at, claimedStatus: claimed, kind, processed: delivery.processedAt !== null });
  }
  return entries.reverse();
}
