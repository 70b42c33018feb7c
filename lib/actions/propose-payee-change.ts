"use server";

import { proposePayeeChange } from "../payees/propose-payee";
import { changePayeeSchema } from "../payees/schemas";
import { defineAction } from "./define-action";

/** "Change details": proposes new account details; nothing changes until someone else approves. */
export const proposePayeeChangeAction = defineAction(
  { name: "payee.change_request", schema: changePayeeSchema, permission: "payees.edit", revalidate: (input) => ["/payees", `/payees/${input.payeeId}`] },
  async (ctx, input) => {
    const payee = await proposePayeeChange(ctx, input);
    return { id: payee.id, status: payee.status, pending: payee.pending !== null };
  },
);
