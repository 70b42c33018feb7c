import type { ServiceContext } from "../context";
import {
  mayApprove,
  mayCancelScheduled,
  mayCopyFailedRows,
  mayDecide,
  mayDuplicate,
  mayEditAndResubmit,
  mayEditDraft,
  mayRetrySubmission,
  mayWithdraw,
  type BatchForCopy,
  type BatchForPolicy,
} from "./batches";
import type { Decision } from "./decision";
import { mayReadPayeeDetails, type BatchForPayeeDetails } from "./payee-details";
import { mayDecidePayee, mayProposePayee, type PayeeForPolicy } from "./payees";

/**
 * The one entry point for subject rules: `can(ctx, "batch.approve", batch)`. Each action names its
 * rule once here; pages, actions and lib verbs all call through it.
 */
const rules = {
  "batch.approve": (ctx: ServiceContext, batch: BatchForPolicy & { approverGrantedBy?: readonly string[] }) => mayApprove(ctx.actor, batch),
  "batch.reject": (ctx: ServiceContext, batch: BatchForPolicy) => mayDecide(ctx.actor, batch),
  "batch.edit": (ctx: ServiceContext, batch: BatchForPolicy) => mayEditDraft(ctx.actor, batch),
  "batch.retry_submission": (ctx: ServiceContext, batch: BatchForPolicy) => mayRetrySubmission(ctx.actor, batch),
  "batch.cancel_scheduled": (ctx: ServiceContext, batch: BatchForPolicy) => mayCancelScheduled(ctx.actor, batch, ctx.now()),
  "batch.read_payee_details": (ctx: ServiceContext, batch: BatchForPayeeDetails) => mayReadPayeeDetails(ctx.actor, batch),
  "payee.propose": (ctx: ServiceContext, payee: PayeeForPolicy | null) => mayProposePayee(ctx.actor, payee),
  "payee.approve": (ctx: ServiceContext, payee: PayeeForPolicy) => mayDecidePayee(ctx.actor, payee),
  "payee.reject": (ctx: ServiceContext, payee: PayeeForPolicy) => mayDecidePayee(ctx.actor, payee),
  "batch.duplicate": (ctx: ServiceContext, batch: BatchForPolicy) => mayDuplicate(ctx.actor, batch),
  "batch.copy_failed": (ctx: ServiceContext, batch: BatchForCopy) => mayCopyFailedRows(ctx.actor, batch),
  "batch.withdraw": (ctx: ServiceContext, batch: BatchForPolicy) => mayWithdraw(ctx.actor, batch),
  "batch.edit_and_resubmit": (ctx: ServiceContext, batch: BatchForPolicy) => mayEditAndResubmit(ctx.actor, batch),
} satisfies Record<string, (ctx: ServiceContext, subject: never) => Decision>;

export type PolicyAction = keyof typeof rules;

export function can<A extends PolicyAction>(ctx: ServiceContext, action: A, subject: Parameters<(typeof rules)[A]>[1]): Decision {
  return rules[action](ctx, subject as never);
}
