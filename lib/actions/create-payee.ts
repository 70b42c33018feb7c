"use server";

import { createPayee } from "../payees/propose-payee";
import { createPayeeSchema } from "../payees/schemas";
import { defineAction } from "./define-action";

/** "Add payee": operators propose, someone else approves (maker-checker). */
export const createPayeeAction = defineAction(
  { name: "payee.create", schema: createPayeeSchema, permission: "payees.edit", revalidate: () => ["/payees"] },
  async (ctx, input) => {
    const payee = await createPayee(ctx, input);
    return { id: payee.id, status: payee.status };
  },
);
