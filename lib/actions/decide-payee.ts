"use server";

import { decidePayee } from "../payees/decide-payee";
import { decidePayeeSchema } from "../payees/schemas";
import { defineAction } from "./define-action";

/** "Approve" / "Reject" a new payee or a change of its details: approvers and admins, never the proposer. */
export const decidePayeeAction = defineAction(
  { name: "payee.decide", schema: decidePayeeSchema, permission: "approvals.decide", stepUp: true, revalidate: (input) => ["/payees", `/payees/${input.payeeId}`, "/approvals"] },
  (ctx, input) => decidePayee(ctx, input),
);
