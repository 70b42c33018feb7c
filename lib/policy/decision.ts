import { DomainError } from "../errors";

/** Why something is refused: `forbidden` reasons are about who asks, `conflict` ones about the state. */
export type DenyReason = "unauthenticated" | "no_permission" | "maker_checker" | "not_owner" | "wrong_state" | "step_up_required" | "granted_by_maker";

export type Decision = { allowed: true } | { allowed: false; reason: DenyReason; message: string };

export const allow = (): Decision => ({ allowed: true });

export function deny(reason: DenyReason, message: string): Decision {
  return { allowed: false, reason, message };
}

const errorCodeFor = {
  unauthenticated: "unauthenticated",
  no_permission: "forbidden",
  maker_checker: "forbidden",
  not_owner: "forbidden",
  step_up_required: "forbidden",
  granted_by_maker: "forbidden",
  wrong_state: "conflict",
} as const;

/** Throws the decision's refusal as a DomainError (403 for who, 409 for state); returns on allow. */
export function enforce(decision: Decision): void {
  if (decision.allowed) return;
  throw new DomainError(errorCodeFor[decision.reason], decision.message, { reason: decision.reason });
}
