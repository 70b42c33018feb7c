"use client";

import { Button } from "@/components/ui/button";
import { ago, type LocalDraft } from "./local-draft";

const count = (n: number) => n.toLocaleString("en-US");

/** The offer of rows typed earlier in this browser and never saved: restored or discarded, never applied unasked. */
export function RestoreUnsavedRows({ stored, methodLabel, onRestore, onDiscard }: { stored: LocalDraft; methodLabel?: string; onRestore: () => void; onDiscard: () => void }) {
  const rows = stored.rows.length;
  return (
    <section aria-label="Unsaved rows" className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <span>
        Restore {count(rows)} unsaved {rows === 1 ? "row" : "rows"} from {ago(stored.savedAt)}?{methodLabel ? ` (${methodLabel})` : null}
      </span>
      <span className="flex gap-2">
        <Button type="button" onClick={onRestore}>
          Restore {count(rows)} rows
        </Button>
        <Button type="button" variant="ghost" onClick={onDiscard}>
          Discard them
        </Button>
      </span>
    </section>
  );
}
