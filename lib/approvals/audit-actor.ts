import type { Actor } from "../audit/record-audit";
import type { ServiceContext } from "../context";

/** The audit trail's actor for a ServiceContext: a person or key by id, the system by its label. */
export function auditActor(ctx: ServiceContext): Actor {
  return ctx.actor.kind === "system" ? { kind: "system", label: ctx.actor.label } : { kind: "user", id: ctx.actor.id, label: ctx.actor.label };
}
