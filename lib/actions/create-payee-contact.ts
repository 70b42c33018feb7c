"use server";

import { z } from "zod";
import { createPayeeContact } from "../contacts/payee-contact";
import { getContactsClient } from "../contacts/runtime-client";
import { defineAction } from "./define-action";

/** "Create contact": the payee's Hello Clever contact (for methods with require_contact / require_kyc). */
export const createPayeeContactAction = defineAction(
  { name: "contact.create", schema: z.object({ payeeId: z.uuid("Payee id is not valid") }), permission: "payees.edit", revalidate: (input) => [`/payees/${input.payeeId}`] },
  (ctx, input) => createPayeeContact(ctx, getContactsClient(), input),
);
