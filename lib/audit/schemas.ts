import { z } from "zod";
import { cursorField, dayField, plainText } from "../history/schemas";

// Client-safe: the /audit filter form, the page and the export handler read the same filters.
export const auditFiltersSchema = z
  .object({
    actor: plainText({ max: 200, tooLong: "Actor is too long (200 characters at most)" }).optional(),
    action: plainText({ max: 100, tooLong: "Action is too long (100 characters at most)" }).optional(),
    batch: z
      .string()
      .trim()
      .regex(/^(?:[0-9a-f]{4,8}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, "Batch ID: its first characters as shown (e.g. 5eb528f1) or the whole ID")
      .optional(),
    from: dayField.optional(),
    to: dayField.optional(),
    cursor: cursorField.optional(),
  })
  .superRefine((filters, ctx) => {
    if (filters.from && filters.to && filters.from > filters.to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date" });
    }
  });
export type AuditFilters = z.output<typeof auditFiltersSchema>;
