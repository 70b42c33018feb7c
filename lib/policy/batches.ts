import type { BatchStatus } from "../batches/statuses";
import { compareAmounts } from "../money";
import { isRetryableAttention } from "../submission/attention-codes";
import { allow, deny, type Decision } from "./decision";
import { hasPermission } from "./permissions";
import type { PolicyActor } from "./policy-actor";

// Client-safe: the batch page's view model asks these for the viewer's buttons, and the actions
// and lib verbs ask them again (the verbs under the row lock), so UI and server cannot drift.

/** What the batch rules read of a batch. */
export type BatchForPolicy = {
  status: BatchStatus;
  createdBy: string;
  attentionCode?: string | null;
  providerUuid?: string | null;
  providerStatus?: string | null;
  scheduledAt?: Date | null;
};

/** DESIGN "Maker-checker": a batch's maker never decides on it, whatever their role. */
function notMaker(actor: PolicyActor, batch: BatchForPolicy): Decision {
  return batch.createdBy === actor.id ? deny("maker_checker", "You made this batch, so someone else must decide on it (maker-checker)") : allow();
}

function stateIs(batch: BatchForPolicy, status: BatchStatus, message: string): Decision {
  return batch.status === status ? allow() : deny("wrong_state", message);
}

const first = (...decisions: (() => Decision)[]): Decision => {
  for (const decide of decisions) {
    const decision = decide();
    if (!decision.allowed) return decision;
  }
  return allow();
};

const label = (status: string) => status.replaceAll("_", " ");

/** Approve or reject: approvers and admins, never the maker, only while it waits for approval. Keys never approve. */
export function mayDecide(actor: PolicyActor, batch: BatchForPolicy): Decision {
  return first(
    () => (actor.kind === "api_key" ? deny("no_permission", "API keys cannot approve or reject: a person must decide") : allow()),
    () => hasPermission(actor, "approvals.decide"),
    () => notMaker(actor, batch),
    () => stateIs(batch, "pending_approval", `This batch is no longer waiting for approval (it is ${label(batch.status)})`),
  );
}

/**
 * Separation of admin duties: someone created or promoted in the last 24 hours may not approve a
 * batch made by an admin who created or promoted them (`grantedBy`: those admins' ids), so an admin
 * alone cannot make a puppet approver and send a payout.
 */
export function notGrantedByMaker(batch: BatchForPolicy, grantedBy: readonly string[]): Decision {
  return grantedBy.includes(batch.createdBy)
    ? deny("granted_by_maker", "This batch's maker gave you your role less than 24 hours ago, so someone else must approve it (separation of duties)")
    : allow();
}

/** Approve: the decide rules, plus the 24-hour rule for newly created or promoted people. */
export function mayApprove(actor: PolicyActor, batch: BatchForPolicy & { approverGrantedBy?: readonly string[] }): Decision {
  return first(
    () => mayDecide(actor, batch),
    () => notGrantedByMaker(batch, batch.approverGrantedBy ?? []),
  );
}

/** Edit, submit for approval or cancel a draft: its maker only (admins included: maker-only edits). */
export function mayEditDraft(actor: PolicyActor, batch: BatchForPolicy): Decision {
  return first(
    () => hasPermission(actor, "batches.edit"),
    () => (batch.createdBy === actor.id ? allow() : deny("not_owner", "Only the batch's maker can change it")),
    () => stateIs(batch, "draft", `Only a draft can be changed (this batch is ${label(batch.status)})`),
  );
}

/**
 * "Retry submission": an approver or admin (the batch is already approved) or its maker, and only
 * where Hello Clever certainly holds nothing for the batch (at-most-once).
 */
export function mayRetrySubmission(actor: PolicyActor, batch: BatchForPolicy): Decision {
  return first(
    () => {
      const checker = hasPermission(actor, "approvals.decide").allowed && actor.kind === "user";
      const maker = batch.createdBy === actor.id && hasPermission(actor, "batches.edit").allowed;
      return checker || maker ? allow() : deny("no_permission", "Only an approver, an admin or the batch's maker can retry its submission");
    },
    () => stateIs(batch, "needs_attention", `Only a batch that needs attention can be retried (this one is ${label(batch.status)})`),
    () =>
      isRetryableAttention(batch.attentionCode ?? null)
        ? allow()
        : deny("wrong_state", "Hello Clever may already hold this payout, so it cannot be sent again; wait for the lookup to finish"),
  );
}

/** "Cancel scheduled payout": the maker or an admin, while Hello Clever still holds it for a later time. */
export function mayCancelScheduled(actor: PolicyActor, batch: BatchForPolicy, now: Date): Decision {
  return first(
    () => (batch.createdBy === actor.id || actor.roles.includes("admin") ? allow() : deny("no_permission", "Only the batch's maker or an admin can cancel its scheduled payout")),
    () =>
      batch.status === "submitted" && batch.providerUuid && batch.providerStatus === "created" && batch.scheduledAt && batch.scheduledAt > now
        ? allow()
        : deny("wrong_state", "This payout can no longer be cancelled: Hello Clever is no longer holding it for a later time"),
  );
}

/** Policy (DESIGN "Maker-checker"): above its currency's threshold a batch needs two distinct approvals. */
export function approvalsNeededFor(total: string, threshold: string): 1 | 2 {
  return compareAmounts(total, threshold) > 0 ? 2 : 1;
}

/** What the copy rules read besides the status: how many rows failed at Hello Clever. */
export type BatchForCopy = BatchForPolicy & { failedCount: number };

/**
 * "Duplicate batch" (on an expired batch "New batch from this one"): anyone who makes batches, from
 * any batch they can see. The copy is a new draft with a new id (so a new external_id), never a
 * re-post of the original.
 */
export function mayDuplicate(actor: PolicyActor, batch: BatchForPolicy): Decision {
  return first(
    () => (batch.status === "draft" && batch.createdBy !== actor.id ? deny("not_owner", "Someone else's draft is still changing: copy it once it is submitted") : allow()),
    () => (actor.kind === "user" ? allow() : deny("no_permission", "Only a person can copy a batch")),
    () => hasPermission(actor, "batches.edit"),
  );
}

/** "New batch from failed rows": as duplicating, and only once Hello Clever has failed some of its rows. */
export function mayCopyFailedRows(actor: PolicyActor, batch: BatchForCopy): Decision {
  return first(
    () => mayDuplicate(actor, batch),
    () => (batch.failedCount > 0 ? allow() : deny("wrong_state", "This batch has no failed transactions to send again")),
  );
}

/** "Withdraw": the maker takes a batch waiting for approval back to draft (its approvals so far lapse). */
export function mayWithdraw(actor: PolicyActor, batch: BatchForPolicy): Decision {
  return first(
    () => hasPermission(actor, "batches.edit"),
    () => (batch.createdBy === actor.id ? allow() : deny("not_owner", "Only the batch's maker can withdraw it")),
    () => stateIs(batch, "pending_approval", `Only a batch waiting for approval can be withdrawn (this one is ${label(batch.status)})`),
  );
}

/** "Edit and resubmit": the maker of a rejected batch starts a new version of it (approvals start again). */
export function mayEditAndResubmit(actor: PolicyActor, batch: BatchForPolicy): Decision {
  return first(
    () => hasPermission(actor, "batches.edit"),
    () => (batch.createdBy === actor.id ? allow() : deny("not_owner", "Only the batch's maker can edit and resubmit it")),
    () => stateIs(batch, "rejected", `Only a rejected batch can be edited and resubmitted (this one is ${label(batch.status)})`),
  );
}
