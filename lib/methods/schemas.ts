import { z } from "zod";

// Client-safe: imports only zod, so the batch editor can use these types in the browser.

/** Param keys the console accepts: they become form paths and CSV headers. */
export const PARAM_KEY_PATTERN = /^[a-z][a-z0-9_]*$/;

/** One payout-method param, parsed from its spec string ("string:Mandatory Bank Code"). */
export const parsedFieldSchema = z.object({
  key: z.string().regex(PARAM_KEY_PATTERN),
  // The only type the provider's documentation shows; the parser refuses any other.
  type: z.literal("string"),
  required: z.boolean(),
  label: z.string().min(1),
});
export type ParsedField = z.infer<typeof parsedFieldSchema>;

/** What the batch editor, the server action and the CSV importer need to know about a method. */
export const methodForFormSchema = z.object({
  name: z.string().min(1),
  label: z.string().min(1),
  currency: z.string().min(1),
  country: z.string().nullable(),
  // Decimal strings (DESIGN "Money"); null when the provider gives no limit.
  minAmount: z.string().nullable(),
  maxAmount: z.string().nullable(),
  fields: z.array(parsedFieldSchema),
  banks: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type MethodForForm = z.infer<typeof methodForFormSchema>;
