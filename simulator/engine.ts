import { setTimeout as sleep } from "node:timers/promises";
import type Decimal from "decimal.js";
import type { Logger } from "../lib/log";
import type { Method } from "./catalogue";
import { apiError, messageError, type ApiError } from "./http";
import { newBalanceId, newUuid } from "./ids";
import { formatAmount, Money } from "./money";
import { toPayoutObject } from "./payout-object";
import type { SimulatorSettings } from "./settings";
import {
  isTerminal,
  StateFile,
  type DeliveryKind,
  type DeliveryRecord,
  type OutboxEntry,
  type PayoutStatus,
  type SimBalance,
  type SimPayout,
  type SimState,
} from "./state";
import type { ValidatedCreate } from "./validate-create";
import { deliverWebhook } from "./webhooks";

export type PayoutResult = { ok: true; payout: SimPayout } | { ok: false; error: ApiError };

/** What the control API can make the next successful create do instead of a plain 200. */
export type CreateFault =
  | { mode: "timeout"; holdMs: number }
  | { mode: "500_after_create" }
  | { mode: "500_before_create" }
  /** Created and held for a top-up whatever the balance (200 with error_code HC_PAYOUT1). */
  | { mode: "hc_payout1" }
  /** Created and proceeds, charged to the PayTo agreement (200 with error_code HC_PAYOUT2). */
  | { mode: "hc_payout2" }
  /** As hc_payout1/hc_payout2, but the answer is a 422 `{ errors: { code, message } }` (the payout still exists). */
  | { mode: "hc_payout1_error" }
  | { mode: "hc_payout2_error" };

export type HoldCode = "HC_PAYOUT1" | "HC_PAYOUT2";

export const HOLD_MESSAGES: Record<HoldCode, string> = {
  HC_PAYOUT1: "Insufficient funds to payout. Please topup balance in dashboard",
  HC_PAYOUT2: "Insufficient Balance. Hello Clever will charge your PayTo agreement to pay out",
};

export interface Faults {
  duplicateNext: number;
  /** Payout uuid → after which new status (null: the next one) to also send the previous one. */
  stale: Map<string, PayoutStatus | null>;
  dropAll: boolean;
  dropPayouts: Set<string>;
  nextCreate: CreateFault | null;
  slowMs: number;
  /** The next `count` API requests (any endpoint) answer `status` and do nothing. */
  failNext: { count: number; status: number };
}

function noFaults(): Faults {
  return { duplicateNext: 0, stale: new Map(), dropAll: false, dropPayouts: new Set(), nextCreate: null, slowMs: 0, failNext: { count: 0, status: 503 } };
}

// The provider retries a failed delivery 3 times: 4 attempts in all.
const MAX_DELIVERY_ATTEMPTS = 4;
// setTimeout cannot wait longer than this; longer waits are re-armed when they fire.
const MAX_TIMER_MS = 2 ** 31 - 1;

const FAILING_ACCOUNTS: Array<[suffix: string, message: string]> = [
  ["0001", "Beneficiary account does not exist"],
  ["0002", "Compliance block"],
];

const NEXT_STATUS: Partial<Record<PayoutStatus, PayoutStatus>> = {
  created: "processing",
  processing: "scheduled",
  scheduled: "completed",
};

/** The simulator's state and clockwork: payouts, balances, status steps and webhook deliveries. */
export class SimulatorEngine {
  readonly payouts = new Map<string, SimPayout>();
  private readonly byExternalId = new Map<string, string>();
  private balances: Record<string, SimBalance> = {};
  private deliveries: DeliveryRecord[] = [];
  private readonly outbox = new Map<number, OutboxEntry>();
  private nextId = 1;
  faults: Faults = noFaults();

  private readonly stepTimers = new Map<string, NodeJS.Timeout>();
  private readonly outboxTimers = new Map<number, NodeJS.Timeout>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly closing = new AbortController();
  // Bumped by reset, so deliveries already in flight cannot write into the fresh state.
  private generation = 0;
  private readonly stateFile: StateFile | null;

  constructor(
    private readonly settings: SimulatorSettings,
    readonly methods: Map<string, Method>,
    private readonly logger: Logger,
  ) {
    this.stateFile = settings.stateFile
      ? new StateFile(settings.stateFile, () => this.snapshot(), (error) => logger.error({ err: error }, "simulator.state_write_failed"))
      : null;
  }

  /** Loads the state file if there is one and resumes pending status steps and webhook retries. */
  async start(): Promise<void> {
    const saved = await this.stateFile?.load();
    this.balances = this.initialBalances();
    if (!saved) return;
    for (const payout of saved.payouts) {
      this.payouts.set(payout.uuid, payout);
      if (payout.external_id !== null) this.byExternalId.set(payout.external_id, payout.uuid);
    }
    Object.assign(this.balances, saved.balances);
    this.deliveries = saved.deliveries;
    this.nextId = saved.next_id;
    for (const payout of this.payouts.values()) this.scheduleStep(payout);
    for (const entry of saved.outbox) {
      this.outbox.set(entry.id, entry);
      this.dispatch(entry);
    }
    this.logger.info({ payouts: this.payouts.size, pendingDeliveries: this.outbox.size }, "simulator.state_loaded");
  }

  async close(): Promise<void> {
    this.closing.abort();
    for (const timer of [...this.stepTimers.values(), ...this.outboxTimers.values()]) clearTimeout(timer);
    await Promise.allSettled([...this.chains.values()]);
    await this.stateFile?.flush();
  }

  get closed(): boolean {
    return this.closing.signal.aborted;
  }

  /** Waits, unless the simulator closes first (then rejects, and the caller gives up). */
  wait(ms: number): Promise<void> {
    return ms > 0 ? sleep(ms, undefined, { signal: this.closing.signal }) : Promise.resolve();
  }

  snapshot(): SimState {
    return {
      version: 1,
      payouts: [...this.payouts.values()],
      balances: this.balances,
      deliveries: this.deliveries,
      outbox: [...this.outbox.values()],
      next_id: this.nextId,
    };
  }

  private persist(): void {
    this.stateFile?.scheduleSave();
  }

  // ---- balances ----

  private initialBalances(): Record<string, SimBalance> {
    // AUD: the balance endpoint's default currency.
    const currencies = new Set(["AUD", ...[...this.methods.values()].map((m) => m.currency)]);
    for (const currency of Object.keys(this.settings.balances.perCurrency)) currencies.add(currency);
    const balances: Record<string, SimBalance> = {};
    for (const currency of currencies) {
      const available = this.settings.balances.perCurrency[currency] ?? this.settings.balances.fallback;
      balances[currency] = this.emptyBalance(currency);
      balances[currency].available = formatAmount(available, currency);
    }
    return balances;
  }

  private emptyBalance(currency: string): SimBalance {
    const zero = formatAmount(0, currency);
    return { available: zero, incoming: zero, outgoing: zero, rolling_reserve: zero };
  }

  getBalance(currency: string): SimBalance | null {
    return this.balances[currency] ?? null;
  }

  setBalance(currency: string, values: Partial<SimBalance>): SimBalance {
    const current = this.balances[currency] ?? this.emptyBalance(currency);
    const next = { ...current };
    for (const key of ["available", "incoming", "outgoing", "rolling_reserve"] as const) {
      const value = values[key];
      if (value !== undefined) next[key] = formatAmount(value, currency);
    }
    this.balances[currency] = next;
    this.releaseToppedUp(currency);
    this.persist();
    return this.balances[currency]!;
  }

  /** A top-up funds the HC_PAYOUT1 payouts of that currency it covers, oldest first: they proceed, error_code cleared. */
  private releaseToppedUp(currency: string): void {
    const waiting = [...this.payouts.values()]
      .filter((p) => p.awaiting_top_up && p.currency === currency && p.status === "created")
      .sort((a, b) => a.created_at - b.created_at);
    for (const payout of waiting) {
      const total = new Money(payout.total_amount);
      if (!this.hasFunds(currency, total)) break;
      this.adjust(currency, { available: total.negated(), outgoing: total });
      payout.awaiting_top_up = false;
      payout.error_code = null;
      payout.error_message = null;
      payout.next_step_at = Math.max(Date.now() + this.settings.stepMs, payout.scheduled_at ?? 0);
      this.scheduleStep(payout);
      this.logger.info({ payout: payout.uuid }, "simulator.payout_topped_up");
    }
  }

  private adjust(currency: string, changes: { available?: Decimal; outgoing?: Decimal }): void {
    const balance = this.balances[currency] ?? this.emptyBalance(currency);
    if (changes.available) balance.available = formatAmount(new Money(balance.available).plus(changes.available), currency);
    if (changes.outgoing) balance.outgoing = formatAmount(new Money(balance.outgoing).plus(changes.outgoing), currency);
    this.balances[currency] = balance;
  }

  hasFunds(currency: string, total: Decimal): boolean {
    const balance = this.balances[currency];
    return balance !== undefined && new Money(balance.available).greaterThanOrEqualTo(total);
  }

  // ---- payouts ----

  externalIdTaken(externalId: string): boolean {
    return this.byExternalId.has(externalId);
  }

  /**
   * Records a validated payout as `created` and moves its total from available to outgoing.
   * HC_PAYOUT1: nothing moves; it waits `topUpWaitMs` for a top-up, then expires. HC_PAYOUT2:
   * it proceeds (the PayTo agreement pays; available is not debited).
   */
  createPayout(input: ValidatedCreate, hold: HoldCode | null = null): SimPayout {
    const now = Date.now();
    const currency = input.method.currency;
    let uuid = newUuid();
    while (this.payouts.has(uuid)) uuid = newUuid();
    const payout: SimPayout = {
      uuid,
      currency,
      payout_method_name: input.method.payout_method_name,
      description: input.description,
      total_amount: formatAmount(input.total, currency),
      status: "created",
      webhook_notification: input.webhook_notification,
      scheduled_at: input.scheduled_at,
      external_id: input.external_id,
      error_code: hold,
      error_message: hold ? HOLD_MESSAGES[hold] : null,
      created_at: now,
      transactions: input.transactions.map((tx) => ({
        uuid: newUuid(),
        balance_id: newBalanceId(),
        first_name: tx.first_name,
        last_name: tx.last_name,
        email: tx.email,
        amount: formatAmount(tx.amount, currency),
        external_id: tx.external_id,
        payout_method_params: tx.payout_method_params,
        status: "pending",
        error_message: null,
        created_at: now,
      })),
      next_step_at: hold === "HC_PAYOUT1" ? now + this.settings.topUpWaitMs : Math.max(now + this.settings.stepMs, input.scheduled_at ?? 0),
      ...(hold === "HC_PAYOUT1" ? { awaiting_top_up: true } : {}),
    };
    this.payouts.set(uuid, payout);
    if (payout.external_id !== null) this.byExternalId.set(payout.external_id, uuid);
    if (hold === null) this.adjust(currency, { available: input.total.negated(), outgoing: input.total });
    else if (hold === "HC_PAYOUT2") this.adjust(currency, { outgoing: input.total });
    this.scheduleStep(payout);
    this.persist();
    return payout;
  }

  /** Moves a payout one status forward now, ignoring its timer and its scheduled_at. */
  advance(uuid: string): PayoutResult {
    const payout = this.payouts.get(uuid);
    if (!payout) return { ok: false, error: apiError(404, "NOT_FOUND", `Payout ${uuid} not found`, "uuid") };
    const next = NEXT_STATUS[payout.status];
    if (!next) return { ok: false, error: apiError(409, "TERMINAL", `Payout ${uuid} is ${payout.status} and cannot move on`) };
    if (payout.awaiting_top_up) return { ok: false, error: apiError(409, "AWAITING_TOP_UP", `Payout ${uuid} waits for a top-up (HC_PAYOUT1): top up or expire it`) };
    this.transition(payout, next);
    return { ok: true, payout };
  }

  /** Stops a payout's timed steps: from now on it moves only when advanced. */
  hold(uuid: string): PayoutResult {
    const payout = this.payouts.get(uuid);
    if (!payout) return { ok: false, error: apiError(404, "NOT_FOUND", `Payout ${uuid} not found`, "uuid") };
    payout.held = true;
    payout.next_step_at = null;
    this.scheduleStep(payout);
    this.persist();
    return { ok: true, payout };
  }

  /** Ends a payout as `expired` (the top-up expired): pending transactions fail, the total is refunded. */
  expire(uuid: string): PayoutResult {
    const payout = this.payouts.get(uuid);
    if (!payout) return { ok: false, error: apiError(404, "NOT_FOUND", `Payout ${uuid} not found`, "uuid") };
    if (isTerminal(payout.status)) return { ok: false, error: apiError(409, "TERMINAL", `Payout ${uuid} is already ${payout.status}`) };
    this.transition(payout, "expired");
    return { ok: true, payout };
  }

  /** Cancels a payout still waiting for a future scheduled_at; anything else is refused. */
  cancelScheduled(uuid: string): PayoutResult {
    const payout = this.payouts.get(uuid);
    // The docs list no 404 on these pages: an unknown uuid is a 422.
    if (!payout) return { ok: false, error: messageError(422, `Payout ${uuid} not found`) };
    const waiting = payout.status === "created" && payout.scheduled_at !== null && payout.scheduled_at > Date.now();
    if (!waiting) {
      const reason = payout.status === "created" ? "is not waiting for a future scheduled_at" : `is ${payout.status}`;
      return { ok: false, error: apiError(422, "PAYOUT_NOT_CANCELLABLE", `Payout ${uuid} ${reason} and cannot be cancelled`, "uuid") };
    }
    this.transition(payout, "cancelled");
    return { ok: true, payout };
  }

  private transition(payout: SimPayout, to: PayoutStatus): void {
    const before = toPayoutObject(payout);
    const total = new Money(payout.total_amount);
    if (to === "completed") {
      let refund = new Money(0);
      for (const tx of payout.transactions) {
        const account = String(tx.payout_method_params.account_number ?? "");
        const failure = FAILING_ACCOUNTS.find(([suffix]) => account.endsWith(suffix));
        tx.status = failure ? "failed" : "settled";
        tx.error_message = failure ? failure[1] : null;
        if (failure) refund = refund.plus(tx.amount);
      }
      this.adjust(payout.currency, { available: refund, outgoing: total.negated() });
    } else if (to === "expired" || to === "cancelled") {
      for (const tx of payout.transactions) {
        tx.status = "failed";
        tx.error_message = to === "expired" ? "Payout expired" : "Payout cancelled";
      }
      // An HC_PAYOUT1 payout never took the funds: nothing to give back.
      if (!payout.awaiting_top_up) this.adjust(payout.currency, { available: total, outgoing: total.negated() });
      payout.awaiting_top_up = false;
    }
    payout.status = to;
    payout.next_step_at = isTerminal(to) || payout.held ? null : Date.now() + this.settings.stepMs;
    this.scheduleStep(payout);
    this.enqueueWebhooks(payout, before);
    this.persist();
    this.logger.info({ payout: payout.uuid, status: to }, "simulator.payout_status");
  }

  private scheduleStep(payout: SimPayout): void {
    const existing = this.stepTimers.get(payout.uuid);
    if (existing) clearTimeout(existing);
    this.stepTimers.delete(payout.uuid);
    if (payout.next_step_at === null || this.closed) return;
    const delay = Math.min(Math.max(0, payout.next_step_at - Date.now()), MAX_TIMER_MS);
    const timer = setTimeout(() => {
      this.stepTimers.delete(payout.uuid);
      this.onStepDue(payout.uuid);
    }, delay);
    this.stepTimers.set(payout.uuid, timer);
  }

  private onStepDue(uuid: string): void {
    const payout = this.payouts.get(uuid);
    if (!payout || payout.next_step_at === null) return;
    const now = Date.now();
    // Too early (a long wait re-armed in pieces, or scheduled_at still ahead): wait on.
    const heldUntil = payout.status === "created" && !payout.awaiting_top_up ? Math.max(payout.next_step_at, payout.scheduled_at ?? 0) : payout.next_step_at;
    if (heldUntil > now) {
      payout.next_step_at = heldUntil;
      this.scheduleStep(payout);
      return;
    }
    // HC_PAYOUT1 and no top-up in time: the payout expires.
    if (payout.awaiting_top_up) return this.transition(payout, "expired");
    const next = NEXT_STATUS[payout.status];
    if (next) this.transition(payout, next);
  }

  // ---- webhooks ----

  private enqueueWebhooks(payout: SimPayout, before: ReturnType<typeof toPayoutObject>): void {
    const body = toPayoutObject(payout);
    this.addDelivery(payout.uuid, payout.status, "normal", body);
    if (this.faults.duplicateNext > 0) {
      this.faults.duplicateNext--;
      this.addDelivery(payout.uuid, payout.status, "duplicate", body);
    }
    if (this.faults.stale.has(payout.uuid)) {
      const after = this.faults.stale.get(payout.uuid);
      if (after === null || after === payout.status) {
        this.faults.stale.delete(payout.uuid);
        // Queued behind the fresh one on the payout's chain, so it arrives after it.
        this.addDelivery(payout.uuid, before.status, "stale", before);
      }
    }
  }

  private addDelivery(payoutUuid: string, status: PayoutStatus, kind: DeliveryKind, body: unknown): void {
    const entry: OutboxEntry = { id: this.nextId++, payout_uuid: payoutUuid, status, kind, body, attempt: 1, due_at: Date.now() };
    this.outbox.set(entry.id, entry);
    this.dispatch(entry);
  }

  private dispatch(entry: OutboxEntry): void {
    if (this.closed) return;
    const delay = entry.due_at - Date.now();
    if (delay <= 0) {
      this.runInOrder(entry);
      return;
    }
    const timer = setTimeout(() => {
      this.outboxTimers.delete(entry.id);
      if (entry.due_at > Date.now()) this.dispatch(entry);
      else this.runInOrder(entry);
    }, Math.min(delay, MAX_TIMER_MS));
    this.outboxTimers.set(entry.id, timer);
  }

  /** Attempts of one payout go out one at a time, in the order they became due. */
  private runInOrder(entry: OutboxEntry): void {
    const previous = this.chains.get(entry.payout_uuid) ?? Promise.resolve();
    const next = previous.then(() => this.attempt(entry));
    this.chains.set(entry.payout_uuid, next);
    void next.finally(() => {
      if (this.chains.get(entry.payout_uuid) === next) this.chains.delete(entry.payout_uuid);
    });
  }

  private async attempt(entry: OutboxEntry): Promise<void> {
    const generation = this.generation;
    if (this.closed || !this.outbox.has(entry.id)) return;
    const payout = this.payouts.get(entry.payout_uuid);
    const base = { payout_uuid: entry.payout_uuid, status: entry.status, kind: entry.kind, attempt: entry.attempt };
    if (!payout || this.faults.dropAll || this.faults.dropPayouts.has(entry.payout_uuid)) {
      this.record({ ...base, http_status: null, error: payout ? "dropped by fault injection" : "payout no longer exists", dropped: true });
      this.outbox.delete(entry.id);
      this.persist();
      return;
    }
    const result = await deliverWebhook(payout.webhook_notification, entry.body, this.settings.webhookTimeoutMs, this.closing.signal);
    // Closing: keep the entry so the next start retries it. Reset: the entry is gone already.
    if (this.closed || generation !== this.generation) return;
    this.record({ ...base, http_status: result.httpStatus, error: result.error, dropped: false });
    if (result.httpStatus === 200 || entry.attempt >= MAX_DELIVERY_ATTEMPTS) {
      this.outbox.delete(entry.id);
    } else {
      entry.attempt++;
      entry.due_at = Date.now() + this.settings.webhookRetryDelayMs;
      this.dispatch(entry);
    }
    this.persist();
  }

  private record(delivery: Omit<DeliveryRecord, "id" | "at">): void {
    this.deliveries.push({ id: this.nextId++, ...delivery, at: new Date().toISOString() });
    this.logger.info(
      { payout: delivery.payout_uuid, status: delivery.status, attempt: delivery.attempt, httpStatus: delivery.http_status, dropped: delivery.dropped },
      "simulator.webhook_attempt",
    );
  }

  listDeliveries(payoutUuid?: string): DeliveryRecord[] {
    return payoutUuid ? this.deliveries.filter((d) => d.payout_uuid === payoutUuid) : this.deliveries;
  }

  clearFaults(): void {
    this.faults = noFaults();
  }

  /** Back to a fresh start: no payouts, deliveries or faults; balances from the settings. */
  reset(): void {
    this.generation++;
    for (const timer of [...this.stepTimers.values(), ...this.outboxTimers.values()]) clearTimeout(timer);
    this.stepTimers.clear();
    this.outboxTimers.clear();
    this.payouts.clear();
    this.byExternalId.clear();
    this.outbox.clear();
    this.deliveries = [];
    this.balances = this.initialBalances();
    this.faults = noFaults();
    this.persist();
  }
}
