// zod/mini, not zod: the sign-in form checks with this schema in the browser, and the full zod
// API (with its English messages) would be about a sixth of /login's JavaScript. Every message
// here is written out, so none falls back to a default.
import * as z from "zod/mini";

export const signInSchema = z.object({
  email: z.pipe(z.string("Enter an email address").check(z.trim(), z.toLowerCase()), z.email("Enter an email address")),
  password: z.string("Enter your password").check(z.minLength(1, "Enter your password"), z.maxLength(200, "Password is too long")),
});
export type SignInInput = z.infer<typeof signInSchema>;
