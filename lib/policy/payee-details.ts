import type { BatchStatus } from "../batches/statuses";
import { allow, deny, type Decision } from "./decision";
import { hasPermission } from "./permissions";
import type { PolicyActor } from "./policy-actor";

// Client-safe. Issue 13: a batch's payee details (account numbers and the other method fields)
// are read in full only by those who need them; everyone else sees the batch masked.

export type BatchForPayeeDetails = { status: BatchStatus; createdBy: string };

/**
 * Its maker; auditors and admins; approvers once the batch has been submitted for approval (a
 * draft is still the maker's own work). Anyone else who may view batches sees them masked.
 */
export function mayReadPayeeDetails(actor: PolicyActor, batch: BatchForPayeeDetails): Decision {
  if (batch.createdBy === actor.id) return allow();
  if (hasPermission(actor, "audit.view").allowed) return allow(); // auditors and admins
  if (batch.status !== "draft" && hasPermission(actor, "approvals.decide").allowed) return allow();
  return deny("no_permission", "Only the batch's maker, its approvers (once submitted), auditors and admins see payee details");
}

const MASK = "••••";

/** A method field's value as someone without access sees it: the last 4 characters at most. */
export function maskValue(value: string): string {
  const clean = String(value);
  return clean.length > 8 ? `${MASK}${clean.slice(-4)}` : MASK;
}

/** Every method field masked (account numbers, mobile numbers, bank codes...), except names. */
export function maskPayeeParams(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, /name$/i.test(key) && !/bank/i.test(key) ? value : maskValue(value)]));
}
