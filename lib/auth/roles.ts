/** Client-safe role and page rules: the sidebar and the server checks read the same table. */
export const ROLES = ["operator", "approver", "auditor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  operator: "Operator",
  approver: "Approver",
  auditor: "Auditor",
  admin: "Admin",
};

/** Who may do what. Every server action and route handler checks one of these. */
export const PERMISSIONS = {
  "batches.view": ["operator", "approver", "auditor", "admin"],
  "batches.edit": ["operator", "admin"],
  "approvals.decide": ["approver", "admin"],
  "history.view": ["auditor", "admin"],
  "audit.view": ["auditor", "admin"],
  "admin.manage": ["admin"],
  // Payee book (issue 17): everyone reads it, makers propose, checkers approve (approvals.decide);
  // full account numbers only for the roles that pay (others see the last 4).
  "payees.view": ["operator", "approver", "auditor", "admin"],
  "payees.edit": ["operator", "admin"],
  "payees.view_account": ["operator", "admin"],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function can(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}

export type NavItem = { href: string; label: string; permission: Permission };
export const NAV_ITEMS: NavItem[] = [
  { href: "/batches", label: "Batches", permission: "batches.view" },
  { href: "/batches/new", label: "New batch", permission: "batches.edit" },
  { href: "/approvals", label: "Approvals", permission: "approvals.decide" },
  { href: "/payees", label: "Payees", permission: "payees.view" },
  { href: "/history", label: "History", permission: "history.view" },
  { href: "/audit", label: "Audit", permission: "audit.view" },
  { href: "/admin", label: "Admin", permission: "admin.manage" },
];
