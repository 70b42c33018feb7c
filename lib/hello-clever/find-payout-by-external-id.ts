import type { HelloCleverClient } from "./client";
import { HelloCleverProtocolError } from "./errors";
import type { Payout } from "./types";

// The list endpoint accepts at most one year per query; longer ranges are walked in windows.
function oneYearLater(date: Date): Date {
  const next = new Date(date);
  next.setUTCFullYear(next.getUTCFullYear() + 1);
  return next;
}

// A guard against a provider whose next_page never ends.
const MAX_PAGES = 10_000;

/**
 * Finds the payout created with this external_id between `from` and `to` (UTC), by walking
 * the list pages; null when the provider certainly has none. Any failure to read a page is
 * thrown, never taken as "not there": this decides whether a payout may be sent again.
 */
export async function findPayoutByExternalId(
  client: HelloCleverClient,
  externalId: string,
  range: { from: Date; to: Date },
): Promise<Payout | null> {
  // The provider's dates have whole seconds: widen to cover the range fully.
  const from = new Date(Math.floor(range.from.getTime() / 1000) * 1000);
  const to = new Date(Math.ceil(range.to.getTime() / 1000) * 1000);
  let windowStart = from;
  let pagesRead = 0;
  while (windowStart <= to) {
    const yearOn = oneYearLater(windowStart);
    const windowEnd = yearOn < to ? yearOn : to;
    let page: number | null = 1;
    while (page !== null) {
      if (++pagesRead > MAX_PAGES) {
        throw new HelloCleverProtocolError("Hello Clever listPayouts: pagination did not end", [{ path: "next_page", message: "never null" }], {
          operation: "listPayouts",
        });
      }
      const result = await client.listPayouts({ fromDate: windowStart, toDate: windowEnd, page });
      const match = result.records.find((payout) => payout.externalId === externalId);
      if (match) return match;
      if (result.nextPage !== null && result.nextPage <= page) {
        throw new HelloCleverProtocolError(`Hello Clever listPayouts: next_page ${result.nextPage} after page ${page}`, [{ path: "next_page", message: "does not move forward" }], {
          operation: "listPayouts",
        });
      }
      page = result.nextPage;
    }
    windowStart = new Date(windowEnd.getTime() + 1000);
  }
  return null;
}
