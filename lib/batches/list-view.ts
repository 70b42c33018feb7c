import type { BatchSort } from "./list-batches";
import type { BatchStatus } from "./statuses";

// Client-safe: what the /batches table shows, kept in the URL (`?status=rejected&sort=total&dir=asc&q=…`).
export type BatchListView = { status: BatchStatus | ""; sort: BatchSort; dir: "asc" | "desc"; q: string };
export const DEFAULT_VIEW: BatchListView = { status: "", sort: "updated", dir: "desc", q: "" };
