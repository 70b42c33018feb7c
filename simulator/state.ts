import fs from "node:fs/promises";
import path from "node:path";

export const PAYOUT_STATUSES = ["created", "processing", "scheduled", "completed", "expired", "cancelled"] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];
export type TransactionStatus = "pending" | "settled" | "failed";

export function isTerminal(status: PayoutStatus): boolean {
  return status === "completed" || status === "expired" || status === "cancelled";
}

export interface SimTransaction {
  uuid: string;
  balance_id: string;
  first_name: string;
  last_name: string;
  email: string;
  amount: string;
  external_id: string | null;
  payout_method_params: Record<string, string | number>;
  status: TransactionStatus;
  error_message: string | null;
  created_at: number;
}

export interface SimPayout {
  uuid: string;
  currency: string;
  payout_method_name: string;
  description: string;
  total_amount: string;
  status: PayoutStatus;
  webhook_notification: { endpoint_url: string; authorization_header: string };
  scheduled_at: number | null;
  external_id: string | null;
  error_code: string | null;
  error_message: string | null;
  created_at: number;
  transactions: SimTransaction[];
  /** When the step timer moves it next (ms since epoch); null once terminal. */
  next_step_at: number | null;
  /** HC_PAYOUT1: created without funds; waits for a top-up until next_step_at, then expires. */
  awaiting_top_up?: boolean;
  /** Held by the control API: no timed steps, it moves only when advanced (tests that watch each status). */
  held?: boolean;
}

export interface SimBalance {
  available: string;
  incoming: string;
  outgoing: string;
  rolling_reserve: string;
}

export type DeliveryKind = "normal" | "duplicate" | "stale";

/** One webhook attempt, as the control API lists it. */
export interface DeliveryRecord {
  id: number;
  payout_uuid: string;
  status: PayoutStatus;
  kind: DeliveryKind;
  attempt: number;
  http_status: number | null;
  error: string | null;
  dropped: boolean;
  at: string;
}

/** A webhook still to be attempted; persisted so retries survive a restart. */
export interface OutboxEntry {
  id: number;
  payout_uuid: string;
  status: PayoutStatus;
  kind: DeliveryKind;
  body: unknown;
  attempt: number;
  due_at: number;
}

export interface SimState {
  version: 1;
  payouts: SimPayout[];
  balances: Record<string, SimBalance>;
  deliveries: DeliveryRecord[];
  outbox: OutboxEntry[];
  next_id: number;
}

/** Persists the state as JSON: debounced, and atomic (temp file + rename) so a crash never leaves half a file. */
export class StateFile {
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly snapshot: () => SimState,
    private readonly onError: (error: unknown) => void,
    private readonly debounceMs = 100,
  ) {}

  async load(): Promise<SimState | null> {
    try {
      const state = JSON.parse(await fs.readFile(this.file, "utf8")) as SimState;
      if (state.version !== 1) throw new Error(`unsupported version ${String(state.version)}`);
      return state;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw new Error(`Simulator state file ${this.file} is unreadable: ${(error as Error).message}`);
    }
  }

  scheduleSave(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.save();
    }, this.debounceMs);
  }

  /** Writes now (cancelling a pending debounce) and waits for every write to finish. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      await this.save();
    }
    await this.writing;
  }

  private save(): Promise<void> {
    // Serialise writes: two renames racing could leave the older snapshot in place.
    const text = JSON.stringify(this.snapshot());
    this.writing = this.writing.then(async () => {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      await fs.writeFile(temp, text);
      await fs.rename(temp, this.file);
    }).catch(this.onError); // a failed write must not block every later one

    return this.writing;
  }
}
