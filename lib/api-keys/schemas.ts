import { z } from "zod";

// Client-safe: the create form and the action parse the same shape.

/** A key's role: operators create and submit batches, auditors read. Keys never approve. */
export const API_KEY_ROLES = ["operator", "auditor"] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

export const createApiKeySchema = z.object({
  name: z.string().trim().min(2, "Name the key after what uses it (at least 2 characters)").max(80, "At most 80 characters"),
  role: z.enum(API_KEY_ROLES, { error: "Choose operator or auditor" }),
});
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

export const revokeApiKeySchema = z.object({ apiKeyId: z.uuid() });
