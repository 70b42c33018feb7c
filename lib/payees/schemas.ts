import { z } from "zod";

// Client-safe: the payee forms and the server actions parse with the same schemas.

const params = z.record(
  z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "Params: keys are the method's field names"),
  z.string().trim().max(200, "Params: at most 200 characters per value"),
);

export const createPayeeSchema = z.object({
  methodName: z.string().trim().min(1, "Method is required").max(100, "Method: at most 100 characters"),
  name: z.string().trim().min(1, "Name is required").max(200, "Name: at most 200 characters"),
  email: z.email("Email: enter an address such as name@example.com").trim().toLowerCase(),
  params,
});
export type CreatePayeeInput = z.infer<typeof createPayeeSchema>;

export const changePayeeSchema = z.object({
  payeeId: z.uuid("Payee id is not valid"),
  name: z.string().trim().min(1, "Name is required").max(200, "Name: at most 200 characters"),
  params,
});
export type ChangePayeeInput = z.infer<typeof changePayeeSchema>;

export const decidePayeeSchema = z.object({
  payeeId: z.uuid("Payee id is not valid"),
  decision: z.enum(["approve", "reject"], { error: "Decision: approve or reject" }),
});
export type DecidePayeeInput = z.infer<typeof decidePayeeSchema>;

export const searchPayeesSchema = z.object({
  q: z.string().trim().max(100, "Search: at most 100 characters").optional(),
  methodName: z.string().trim().max(100).optional(),
});

/** The batch editor's payee picker (GET /api/payees): payees of one method, by name, email or account. */
export const payeePickerQuerySchema = z.object({
  method: z.string().trim().min(1, "Method is required").max(100, "Method: at most 100 characters"),
  q: z.string().trim().max(100, "Search: at most 100 characters").optional(),
});
export type PayeePickerQuery = z.infer<typeof payeePickerQuerySchema>;
