import type { TransactionInput } from "@/lib/methods/transaction-schema";

// The editor's unsaved work, kept in this browser (localStorage) while the person types, so a
// closed tab or a crash does not lose it. Cleared by a save. One slot for a new batch, one per draft.

export type LocalDraft = {
  methodName: string;
  /** The draft's version the edits were made on (absent for a new batch). */
  version?: number;
  description: string;
  scheduledAt: string;
  rows: TransactionInput[];
  /** Epoch ms. */
  savedAt: number;
};

const PREFIX = "payout-desk:unsaved:";

export const localDraftKey = (batchId: string | null) => `${PREFIX}${batchId ?? "new"}`;

export function readLocalDraft(key: string): LocalDraft | null {
  try {
    const text = window.localStorage.getItem(key);
    if (!text) return null;
    const value = JSON.parse(text) as LocalDraft;
    return Array.isArray(value.rows) && typeof value.methodName === "string" ? value : null;
  } catch {
    return null;
  }
}

/** False when the browser refuses (storage full or disabled): the caller carries on without it. */
export function writeLocalDraft(key: string, draft: LocalDraft): boolean {
  try {
    window.localStorage.setItem(key, JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearLocalDraft(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // nothing kept, nothing to clear
  }
}

/** "2 minutes ago", "just now", "3 hours ago". */
export function ago(then: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"} ago`;
  const days = Math.round(hours / 24);
  return `${days} days ago`;
}
