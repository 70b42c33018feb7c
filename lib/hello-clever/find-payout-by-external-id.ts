import type { HelloCleverClient } from "./client";
import { HelloCleverProtocolError } from "./errors";
import type { Payout } from "./types";

/** How far either side of `around` a lookup searches by default (clock skew, slow creates, queued retries). */
export const DEFAULT_LOOKUP_MARGIN_MS = 6 * 60 * 60 * 1000;

/** Pages read per lookup at most (20 payouts a page): a provider whose paging never ends cannot stall a job. */
export const MAX_LOOKUP_PAGES = 200;

export type FindPayoutWindow =
  /** Searches `around` ± `marginMs` (default DEFAULT_LOOKUP_MARGIN_MS), e.g. the submission's start. */
  | { around: Date; marginMs?: number; currency?: string | null; maxPages?: number }
  /** An explicit range (UTC). */
  | { from: Date; to: Date; currency?: string | null; maxPages?: number };

// The list endpoint accepts at most one year per query; longer ranges are walked in windows.
function oneYearLater(date: Date): Date {
  const next = new Date(date);
  next.setUTCFullYear(next.getUTCFullYear() + 1);
  return next;
}

/**
 * Finds the payout created with this external_id in a time window (UTC), by walking the list
 * pages; null when the provider certainly has none there. Paging stops at `total_page`, at an
 * empty page, or after `maxPages` pages (then a HelloCleverProtocolError: "not found" must be
 * certain), never on `next_page` alone (the docs' example has `next_page: 2` on the last page).
 * Any failure to read a page is thrown, never taken as "not there": this decides whether a
 * payout may be sent again.
 */
export async function findPayoutByExternalId(client: HelloCleverClient, externalId: string, window: FindPayoutWindow): Promise<Payout | null> {
  const margin = "around" in window ? (window.marginMs ?? DEFAULT_LOOKUP_MARGIN_MS) : 0;
  const rangeFrom = "around" in window ? new Date(window.around.getTime() - margin) : window.from;
  const rangeTo = "around" in window ? new Date(window.around.getTime() + margin) : window.to;
  const maxPages = window.maxPages ?? MAX_LOOKUP_PAGES;
  // The provider's dates have whole seconds: widen to cover the range fully.
  const from = new Date(Math.floor(rangeFrom.getTime() / 1000) * 1000);
  const to = new Date(Math.ceil(rangeTo.getTime() / 1000) * 1000);
  let windowStart = from;
  let pagesRead = 0;
  while (windowStart <= to) {
    const yearOn = oneYearLater(windowStart);
    const windowEnd = yearOn < to ? yearOn : to;
    for (let page = 1; ; page++) {
      if (++pagesRead > maxPages) {
        throw new HelloCleverProtocolError(`Hello Clever listPayouts: still more pages after ${maxPages}; the payout's absence is not certain`, [{ path: "total_page", message: `more than ${maxPages} pages` }], {
          operation: "listPayouts",
        });
      }
      const result = await client.listPayouts({ fromDate: windowStart, toDate: windowEnd, page, currency: window.currency });
      const match = result.records.find((payout) => payout.externalId === externalId);
      if (match) return match;
      if (result.records.length === 0) break;
      const lastPage = result.totalPage ?? (result.totalCount !== null && result.size ? Math.ceil(result.totalCount / result.size) : null);
      if (lastPage !== null && page >= lastPage) break;
      if (lastPage === null && result.nextPage === null) break;
    }
    windowStart = new Date(windowEnd.getTime() + 1000);
  }
  return null;
}
