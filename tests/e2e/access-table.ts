import type postgres from "postgres";
import type { Role } from "../../lib/auth/roles";

// Who may use what, written out by hand (not derived from lib/auth/roles.ts, so a wrong entry
// there is caught here). roles.spec.ts walks every row with every role and signed out:
// allowed → works (2xx, or an action result that is not a refusal); anyone else → 401/403 (a
// redirect to sign-in for signed-out pages) with nothing changed.
// Adding a page, a route handler or a server action = adding one line below.

export type Who = Role | "signed-out";
export const EVERY_WHO: Who[] = ["signed-out", "operator", "approver", "auditor", "admin"];

const EVERYONE: Role[] = ["operator", "approver", "auditor", "admin"];
const MAKERS: Role[] = ["operator", "admin"];
const CHECKERS: Role[] = ["approver", "admin"];
const READERS: Role[] = ["auditor", "admin"];
const ADMINS: Role[] = ["admin"];

export type Fixtures = { targetUserId: string; batchId: string; missingBatchId: string; payeeId: string };

export type PageRule = { path: string | ((fx: Fixtures) => string); allowed: Role[] };
export const PAGES: PageRule[] = [
  { path: "/batches", allowed: EVERYONE },
  { path: (fx) => `/batches/${fx.batchId}`, allowed: EVERYONE },
  { path: "/batches/new", allowed: MAKERS },
  { path: "/approvals", allowed: CHECKERS },
  { path: "/history", allowed: READERS },
  { path: "/history?view=batches", allowed: READERS },
  { path: "/audit", allowed: READERS },
  { path: "/admin", allowed: ADMINS },
  { path: "/admin/users", allowed: ADMINS },
  { path: "/admin/methods", allowed: ADMINS },
  { path: "/admin/thresholds", allowed: ADMINS },
  { path: "/payees", allowed: EVERYONE },
  { path: "/payees?q=roles", allowed: EVERYONE },
  { path: (fx) => `/payees/${fx.payeeId}`, allowed: EVERYONE },
];

/** `allowed: "public"` answers everyone; `allowed: []` refuses everyone (authenticated otherwise). */
export type RouteRule = { method: "GET" | "POST"; path: string; allowed: Role[] | "public"; body?: string };
export const ROUTES: RouteRule[] = [
  { method: "GET", path: "/api/health", allowed: "public" },
  { method: "GET", path: "/api/batches", allowed: EVERYONE },
  { method: "GET", path: "/api/live", allowed: EVERYONE },
  { method: "GET", path: "/api/export/history", allowed: READERS },
  { method: "GET", path: "/api/export/history?view=batches&status=failed", allowed: READERS },
  { method: "GET", path: "/api/export/audit", allowed: READERS },
  // The webhook receiver trusts no session, only the batch's own secret: everyone without it gets 401.
  { method: "POST", path: "/api/webhooks/hello-clever/00000000-0000-4000-8000-000000000000", allowed: [], body: '{"status":"completed"}' },
];

type Sql = postgres.Sql;

export type ActionRule = {
  file: string;
  name: string;
  allowed: Role[];
  args: (fx: Fixtures, who: Who) => unknown[];
  /** What the action would change; it must read the same before and after a refused call. */
  state: (sql: Sql, fx: Fixtures, who: Who) => Promise<unknown>;
};

export const ACTIONS: ActionRule[] = [
  // Payees and risk (issue 17): a bogus method or a missing payee, so allowed calls change nothing but answer.
  { file: "lib/actions/create-payee.ts", name: "createPayeeAction", allowed: MAKERS, args: () => [{ methodName: "no_such_method", name: "Forged", email: "forged@roles.test", params: {} }], state: (sql) => sql`select count(*)::int as n from payees` },
  { file: "lib/actions/propose-payee-change.ts", name: "proposePayeeChangeAction", allowed: MAKERS, args: (fx) => [{ payeeId: fx.missingBatchId, name: "Forged", params: {} }], state: (sql) => sql`select count(*)::int as n from payees where pending is not null` },
  { file: "lib/actions/decide-payee.ts", name: "decidePayeeAction", allowed: CHECKERS, args: (fx) => [{ payeeId: fx.missingBatchId, decision: "approve" }], state: (sql) => sql`select count(*)::int as n from payees where status = 'active'` },
  { file: "lib/actions/create-payee-contact.ts", name: "createPayeeContactAction", allowed: MAKERS, args: (fx) => [{ payeeId: fx.missingBatchId }], state: (sql) => sql`select count(*)::int as n from hello_clever_contacts` },
  { file: "lib/actions/refresh-payee-contact.ts", name: "refreshPayeeContactAction", allowed: EVERYONE, args: (fx) => [{ payeeId: fx.missingBatchId }], state: (sql) => sql`select count(*)::int as n from hello_clever_contacts` },
  { file: "lib/actions/set-risk-policy.ts", name: "setRiskPolicyAction", allowed: ADMINS, args: () => [{ secondApprovalOnHighFlag: false }], state: (sql) => sql`select count(*)::int as n from risk_settings where value = 'true'` },
  {
    file: "app/actions/admin.ts",
    name: "createUserAction",
    allowed: ADMINS,
    args: (_fx, who) => [{ email: `forged-${who}@roles.test`, name: "Forged", roles: ["admin"], password: "forged-password-1" }],
    state: (sql, _fx, who) => sql`select count(*)::int as n from users where email = ${`forged-${who}@roles.test`}`,
  },
  { file: "app/actions/admin.ts", name: "changeUserRolesAction", allowed: ADMINS, args: (fx) => [{ userId: fx.targetUserId, roles: ["admin"] }], state: (sql, fx) => sql`select roles from users where id = ${fx.targetUserId}` },
  { file: "app/actions/admin.ts", name: "setUserActiveAction", allowed: ADMINS, args: (fx) => [{ userId: fx.targetUserId, active: false }], state: (sql, fx) => sql`select active from users where id = ${fx.targetUserId}` },
  {
    file: "app/actions/admin.ts",
    name: "resetUserPasswordAction",
    allowed: ADMINS,
    args: (fx) => [{ userId: fx.targetUserId, password: "forged-password-1" }],
    state: (sql, fx) => sql`select password_hash from users where id = ${fx.targetUserId}`,
  },
  { file: "app/actions/methods.ts", name: "syncMethodsAction", allowed: ADMINS, args: () => [], state: (sql) => sql`select count(*)::int as n, max(synced_at) as at from payout_methods` },
  {
    file: "app/actions/approvals.ts",
    name: "setApprovalThresholdAction",
    allowed: ADMINS,
    args: () => [{ currency: "ZZZ", amount: "123" }],
    state: (sql) => sql`select amount from approval_thresholds where currency = 'ZZZ'`,
  },
  { file: "lib/actions/approve-batch.ts", name: "approveBatchAction", allowed: CHECKERS, args: (fx) => [{ batchId: fx.missingBatchId, version: 1 }], state: (sql) => sql`select count(*)::int as n from approvals` },
  {
    file: "lib/actions/reject-batch.ts",
    name: "rejectBatchAction",
    allowed: CHECKERS,
    args: (fx) => [{ batchId: fx.missingBatchId, reason: "Forged by the roles test" }],
    state: (sql) => sql`select count(*)::int as n from batches where status = 'rejected'`,
  },
  { file: "app/actions/approvals.ts", name: "retrySubmissionAction", allowed: EVERYONE, args: (fx) => [{ batchId: fx.missingBatchId }], state: (sql) => sql`select count(*)::int as n from batches where status = 'submitting'` },
  { file: "app/actions/approvals.ts", name: "cancelScheduledPayoutAction", allowed: EVERYONE, args: (fx) => [{ batchId: fx.missingBatchId }], state: (sql) => sql`select count(*)::int as n from batches where status = 'cancelled'` },
  {
    file: "app/actions/batches.ts",
    name: "saveDraftAction",
    allowed: MAKERS,
    args: () => [{ methodName: "ph_bank_maya_php", description: "Forged by the roles test", transactions: [] }],
    state: (sql) => sql`select count(*)::int as n from batches where description = 'Forged by the roles test'`,
  },
  { file: "app/actions/batches.ts", name: "submitForApprovalAction", allowed: MAKERS, args: (fx) => [{ batchId: fx.missingBatchId, version: 1 }], state: (sql) => sql`select count(*)::int as n from batches where status = 'pending_approval'` },
  { file: "app/actions/batches.ts", name: "cancelBatchAction", allowed: MAKERS, args: (fx) => [{ batchId: fx.missingBatchId }], state: (sql) => sql`select count(*)::int as n from batches where status = 'cancelled'` },
];
