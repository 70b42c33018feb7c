import type { Role } from "../auth/roles";

export const DEMO_PASSWORD = "payout-desk-demo";

/** Seeded on embedded defaults (or SEED_DEMO_USERS=1). Names and emails are relied on by docs and tests. */
export const DEMO_USERS: { email: string; name: string; roles: Role[] }[] = [
  { email: "operator@demo.test", name: "Olivia Operator", roles: ["operator"] },
  { email: "operator2@demo.test", name: "Omar Operator", roles: ["operator"] },
  { email: "approver@demo.test", name: "Ava Approver", roles: ["approver"] },
  { email: "approver2@demo.test", name: "Arjun Approver", roles: ["approver"] },
  { email: "auditor@demo.test", name: "Uma Auditor", roles: ["auditor"] },
  { email: "admin@demo.test", name: "Adam Admin", roles: ["admin"] },
];
