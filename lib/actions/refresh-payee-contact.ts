"use server";

import { z } from "zod";
import { refreshPayeeContact } from "../contacts/payee-contact";
import { getContactsClient } from "../contacts/runtime-client";
import { defineAction } from "./define-action";

/** "Refresh status": re-reads the payee's contact and KYC status from Hello Clever. */
export const refreshPayeeContactAction = defineAction(
  { name: "contact.refresh", schema: z.object({ payeeId: z.uuid("Payee id is not valid") }), permission: "payees.view", revalidate: (input) => [`/payees/${input.payeeId}`] },
  (ctx, input) => refreshPayeeContact(ctx, getContactsClient(), input),
);
