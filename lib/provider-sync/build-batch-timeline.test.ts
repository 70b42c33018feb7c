import { describe, expect, it } from "vitest";
import { buildBatchTimeline, type DeliveryInput, type ProviderEventInput } from "./build-batch-timeline";

const at = (second: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, second));
const applied = (id: number, second: number, status: string, source = "webhook"): ProviderEventInput => ({ id, at: at(second), source, providerStatus: status, outcome: "applied", detail: null });
const delivery = (id: number, second: number, claimedStatus: string | null, malformed = false): DeliveryInput => ({ id, at: at(second), claimedStatus, malformed, processedAt: at(second) });

function kinds(events: ProviderEventInput[], deliveries: DeliveryInput[]) {
  return buildBatchTimeline(events, deliveries)
    .reverse()
    .map((entry) => (entry.type === "delivery" ? `${entry.claimedStatus ?? "?"}:${entry.kind}` : `${entry.status}:${entry.outcome}`));
}

describe("buildBatchTimeline", () => {
  it("lists newest first", () => {
    const entries = buildBatchTimeline([applied(1, 1, "processing")], [delivery(1, 0, "processing")]);
    expect(entries.map((e) => e.id)).toEqual(["event-1", "delivery-1"]);
  });

  it("marks a copy of an earlier delivery as repeated", () => {
    expect(kinds([applied(1, 1, "processing")], [delivery(1, 0, "processing"), delivery(2, 2, "processing")])).toEqual([
      "processing:new",
      "processing:applied",
      "processing:repeated",
    ]);
  });

  it("marks an earlier status arriving after a later one as stale, even before the later one was applied", () => {
    expect(kinds([], [delivery(1, 0, "processing"), delivery(2, 1, "scheduled"), delivery(3, 2, "processing"), delivery(4, 3, "completed")])).toEqual([
      "processing:new",
      "scheduled:new",
      "processing:stale",
      "completed:new",
    ]);
  });

  it("treats a status reconciliation already applied as repeated when its webhook comes late", () => {
    expect(kinds([applied(1, 0, "completed", "reconcile")], [delivery(1, 5, "completed"), delivery(2, 6, "scheduled")])).toEqual([
      "completed:applied",
      "completed:repeated",
      "scheduled:stale",
    ]);
  });

  it("keeps malformed and unreadable deliveries apart", () => {
    expect(kinds([], [delivery(1, 0, null, true), delivery(2, 1, null), delivery(3, 2, "teleported")])).toEqual(["?:malformed", "?:unrecognised", "teleported:unrecognised"]);
  });
});
