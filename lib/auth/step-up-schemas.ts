import { z } from "zod";

// Client-safe: the step-up dialog, the set-up page and their actions share these.

export const secondFactorCodeSchema = z.object({
  code: z
    .string("Code: enter the 6-digit code from your authenticator app")
    .trim()
    .min(6, "Code: enter the 6-digit code from your authenticator app, or a recovery code")
    .max(32, "Code: that is not a code from your authenticator app or a recovery code")
    .regex(/^[0-9A-Za-z\s-]+$/, "Code: use only the digits (or the letters of a recovery code)"),
});
export type SecondFactorCodeInput = z.input<typeof secondFactorCodeSchema>;

export const requireSecondFactorForAllSchema = z.object({ required: z.boolean("Required: true or false") });
export type RequireSecondFactorForAllInput = z.input<typeof requireSecondFactorForAllSchema>;
