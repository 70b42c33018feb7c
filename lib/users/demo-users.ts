import type { Role } from "../auth/roles";

export const DEMO_PASSWORD = "payout-desk-demo";

/**
 * Seeded on embedded defaults (or SEED_DEMO_USERS=1). Names and emails are relied on by docs and tests.
 * Approvers and admins must have a second factor, so theirs are seeded with a fixed, public TOTP
 * secret (demo only): `npm run demo-totp -- approver@demo.test` prints the current code, or add
 * the secret to any authenticator app.
 */
export const DEMO_USERS: { email: string; name: string; roles: Role[]; totpSecret?: string }[] = [
  { email: "operator@demo.test", name: "Olivia Operator", roles: ["operator"] },
  { email: "operator2@demo.test", name: "Omar Operator", roles: ["operator"] },
  { email: "approver@demo.test", name: "Ava Approver", roles: ["approver"], totpSecret: "PAYOUTDESKDEMOAPPROVERONEAAAAAAA" },
  { email: "approver2@demo.test", name: "Arjun Approver", roles: ["approver"], totpSecret: "PAYOUTDESKDEMOAPPROVERTWOAAAAAAA" },
  { email: "auditor@demo.test", name: "Uma Auditor", roles: ["auditor"] },
  { email: "admin@demo.test", name: "Adam Admin", roles: ["admin"], totpSecret: "PAYOUTDESKDEMOADMINAAAAAAAAAAAAA" },
];

/** The demo TOTP secret of an email, if it is a demo user with one. */
export function demoTotpSecret(email: string): string | undefined {
  return DEMO_USERS.find((user) => user.email === email.trim().toLowerCase())?.totpSecret;
}
