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

// Well-formed but made-up WebAuthn answers ("{}" as client data: no challenge of anyone's).
const FORGED_REGISTRATION = { id: "AAAA", rawId: "AAAA", type: "public-key", clientExtensionResults: {}, response: { clientDataJSON: "e30", attestationObject: "AAAA" } };
const FORGED_ASSERTION = { id: "AAAA", rawId: "AAAA", type: "public-key", clientExtensionResults: {}, response: { clientDataJSON: "e30", authenticatorData: "AAAA", signature: "AAAA" } };

export type Fixtures = { targetUserId: string; batchId: string; missingBatchId: string; payeeId: string };

export type PageRule = { path: string | ((fx: Fixtures) => string); allowed: Role[] };
export const PAGES: PageRule[] = [
  { path: "/batches", allowed: EVERYONE },
  { path: (fx) => `/batches/${fx.batchId}`, allowed: EVERYONE },
  { path: "/batches/new", allowed: MAKERS },
  { path: (fx) => `/batches/new?method=ph_bank_maya_php&payee=${fx.payeeId}`, allowed: MAKERS },
  { path: "/approvals", allowed: CHECKERS },
  { path: "/history", allowed: READERS },
  { path: "/history?view=batches", allowed: READERS },
  { path: "/audit", allowed: READERS },
  { path: "/admin", allowed: ADMINS },
  { path: "/admin/users", allowed: ADMINS },
  { path: "/admin/methods", allowed: ADMINS },
  { path: "/admin/thresholds", allowed: ADMINS },
  { path: "/account/security", allowed: EVERYONE },
  { path: "/payees", allowed: EVERYONE },
  { path: "/payees?q=roles", allowed: EVERYONE },
  { path: (fx) => `/payees/${fx.payeeId}`, allowed: EVERYONE },
  { path: "/notifications", allowed: EVERYONE },
  { path: "/admin/api-keys", allowed: ADMINS },
  { path: "/admin/webhooks", allowed: ADMINS },
  { path: "/admin/webhooks?endpoint=00000000-0000-4000-8000-000000000000", allowed: ADMINS },
  { path: "/admin/outbox", allowed: ADMINS },
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
  { method: "GET", path: "/api/notifications/unread", allowed: EVERYONE },
  // The batch editor's payee picker carries account details: makers only.
  { method: "GET", path: "/api/payees?method=ph_bank_maya_php&q=a", allowed: MAKERS },
  // The machine API trusts no session, only an API key (Authorization: Bearer pdk_…): 401 without one.
  { method: "GET", path: "/api/v1/methods", allowed: [] },
  { method: "GET", path: "/api/v1/batches", allowed: [] },
  { method: "POST", path: "/api/v1/batches", allowed: [], body: '{"method":"ph_bank_maya_php"}' },
  { method: "GET", path: "/api/v1/batches/00000000-0000-4000-8000-000000000000", allowed: [] },
  { method: "POST", path: "/api/v1/batches/00000000-0000-4000-8000-000000000000/cancel", allowed: [], body: "{}" },
  { method: "GET", path: "/api/v1/openapi.json", allowed: "public" },
  { method: "GET", path: "/api/v1/reference", allowed: "public" },
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
  // Two-step sign-in (issue 13). A wrong code is a refusal of the code, not of the caller.
  { file: "lib/actions/verify-step-up.ts", name: "verifyStepUpAction", allowed: EVERYONE, args: () => [{ code: "000000" }], state: (sql) => sql`select count(*)::int as n from session_step_ups where method <> 'totp' or verified_at > now()` },
  { file: "lib/actions/start-totp-setup.ts", name: "startTotpSetupAction", allowed: EVERYONE, args: () => [{}], state: (sql) => sql`select count(*)::int as n from user_totp where confirmed_at is not null` },
  { file: "lib/actions/confirm-totp-setup.ts", name: "confirmTotpSetupAction", allowed: EVERYONE, args: () => [{ code: "000000" }], state: (sql) => sql`select count(*)::int as n from user_totp where confirmed_at is not null` },
  // Step-up: only someone with a second factor (the demo approvers and admin) can pass it.
  { file: "lib/actions/set-second-factor-requirement.ts", name: "setSecondFactorRequirementAction", allowed: ADMINS, args: () => [{ required: false }], state: (sql) => sql`select require_second_factor_for_all as v from security_settings` },
  // Separation of admin duties: confirming or cancelling a pending role grant (here: one that does not exist).
  { file: "lib/actions/decide-role-grant.ts", name: "decideRoleGrantAction", allowed: ADMINS, args: (fx) => [{ grantId: fx.missingBatchId, decision: "cancel" }], state: (sql) => sql`select count(*)::int as n from role_grants where status <> 'pending'` },
  // Passkeys (issue 13): a made-up browser answer is a refusal of the answer (invalid), not of the caller.
  { file: "lib/actions/start-passkey-registration.ts", name: "startPasskeyRegistrationAction", allowed: EVERYONE, args: () => [{}], state: (sql) => sql`select count(*)::int as n from passkeys` },
  { file: "lib/actions/finish-passkey-registration.ts", name: "finishPasskeyRegistrationAction", allowed: EVERYONE, args: () => [{ name: "Forged", response: FORGED_REGISTRATION }], state: (sql) => sql`select count(*)::int as n from passkeys` },
  { file: "lib/actions/start-passkey-step-up.ts", name: "startPasskeyStepUpAction", allowed: EVERYONE, args: () => [{}], state: (sql) => sql`select count(*)::int as n from webauthn_challenges where purpose = 'step_up'` },
  { file: "lib/actions/verify-passkey-step-up.ts", name: "verifyPasskeyStepUpAction", allowed: EVERYONE, args: () => [{ response: FORGED_ASSERTION }], state: (sql) => sql`select count(*)::int as n from session_step_ups where method = 'passkey'` },
  // Step-up: only someone with a second factor (the demo approvers and admin) can pass it.
  { file: "lib/actions/remove-passkey.ts", name: "removePasskeyAction", allowed: CHECKERS, args: () => [{ passkeyId: "bm8tc3VjaC1wYXNza2V5" }], state: (sql) => sql`select count(*)::int as n from passkeys` },
  { file: "lib/actions/regenerate-recovery-codes.ts", name: "regenerateRecoveryCodesAction", allowed: CHECKERS, args: () => [{}], state: (sql) => sql`select count(*)::int as n, max(created_at) as at from recovery_codes` },
  // Payees and risk (issue 17): a bogus method or a missing payee, so allowed calls change nothing but answer.
  { file: "lib/actions/create-payee.ts", name: "createPayeeAction", allowed: MAKERS, args: () => [{ methodName: "no_such_method", name: "Forged", email: "forged@roles.test", params: {} }], state: (sql) => sql`select count(*)::int as n from payees` },
  { file: "lib/actions/propose-payee-change.ts", name: "proposePayeeChangeAction", allowed: MAKERS, args: (fx) => [{ payeeId: fx.missingBatchId, name: "Forged", params: {} }], state: (sql) => sql`select count(*)::int as n from payees where pending is not null` },
  { file: "lib/actions/decide-payee.ts", name: "decidePayeeAction", allowed: CHECKERS, args: (fx) => [{ payeeId: fx.missingBatchId, decision: "approve" }], state: (sql) => sql`select count(*)::int as n from payees where status = 'active'` },
  { file: "lib/actions/create-payee-contact.ts", name: "createPayeeContactAction", allowed: MAKERS, args: (fx) => [{ payeeId: fx.missingBatchId }], state: (sql) => sql`select count(*)::int as n from hello_clever_contacts` },
  { file: "lib/actions/refresh-payee-contact.ts", name: "refreshPayeeContactAction", allowed: EVERYONE, args: (fx) => [{ payeeId: fx.missingBatchId }], state: (sql) => sql`select count(*)::int as n from hello_clever_contacts` },
  { file: "lib/actions/set-risk-policy.ts", name: "setRiskPolicyAction", allowed: ADMINS, args: () => [{ secondApprovalOnHighFlag: false }], state: (sql) => sql`select count(*)::int as n from risk_settings where value = 'true'` },
  {
    file: "lib/actions/create-user.ts",
    name: "createUserAction",
    allowed: ADMINS,
    args: (_fx, who) => [{ email: `forged-${who}@roles.test`, name: "Forged", roles: ["admin"], password: "forged-password-1" }],
    state: (sql, _fx, who) => sql`select count(*)::int as n from users where email = ${`forged-${who}@roles.test`}`,
  },
  { file: "lib/actions/change-user-roles.ts", name: "changeUserRolesAction", allowed: ADMINS, args: (fx) => [{ userId: fx.targetUserId, roles: ["admin"] }], state: (sql, fx) => sql`select roles from users where id = ${fx.targetUserId}` },
  { file: "lib/actions/set-user-active.ts", name: "setUserActiveAction", allowed: ADMINS, args: (fx) => [{ userId: fx.targetUserId, active: false }], state: (sql, fx) => sql`select active from users where id = ${fx.targetUserId}` },
  {
    file: "lib/actions/reset-user-password.ts",
    name: "resetUserPasswordAction",
    allowed: ADMINS,
    args: (fx) => [{ userId: fx.targetUserId, password: "forged-password-1" }],
    state: (sql, fx) => sql`select password_hash from users where id = ${fx.targetUserId}`,
  },
  { file: "lib/actions/sync-methods.ts", name: "syncMethodsAction", allowed: ADMINS, args: () => [], state: (sql) => sql`select count(*)::int as n, max(synced_at) as at from payout_methods` },
  { file: "lib/actions/run-provider-check.ts", name: "runProviderCheckAction", allowed: ADMINS, args: () => [], state: (sql) => sql`select count(*)::int as n from provider_checks` },
  {
    file: "lib/actions/set-approval-threshold.ts",
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
  { file: "lib/actions/retry-submission.ts", name: "retrySubmissionAction", allowed: EVERYONE, args: (fx) => [{ batchId: fx.missingBatchId }], state: (sql) => sql`select count(*)::int as n from batches where status = 'submitting'` },
  { file: "lib/actions/cancel-scheduled-payout.ts", name: "cancelScheduledPayoutAction", allowed: EVERYONE, args: (fx) => [{ batchId: fx.missingBatchId }], state: (sql) => sql`select count(*)::int as n from batches where status = 'cancelled'` },
  {
    file: "lib/actions/save-draft.ts",
    name: "saveDraftAction",
    allowed: MAKERS,
    args: () => [{ methodName: "ph_bank_maya_php", description: "Forged by the roles test", rows: '{"columns":[],"rows":[]}' }],
    state: (sql) => sql`select count(*)::int as n from batches where description = 'Forged by the roles test'`,
  },
  { file: "lib/actions/submit-for-approval.ts", name: "submitForApprovalAction", allowed: MAKERS, args: (fx) => [{ batchId: fx.missingBatchId, version: 1 }], state: (sql) => sql`select count(*)::int as n from batches where status = 'pending_approval'` },
  { file: "lib/actions/cancel-batch.ts", name: "cancelBatchAction", allowed: MAKERS, args: (fx) => [{ batchId: fx.missingBatchId }], state: (sql) => sql`select count(*)::int as n from batches where status = 'cancelled'` },
  { file: "lib/actions/mark-notifications-read.ts", name: "markNotificationsReadAction", allowed: EVERYONE, args: () => [{ all: true }], state: (sql) => sql`select count(*)::int as n from notifications where read_at is null` },
  { file: "lib/actions/save-notification-preferences.ts", name: "saveNotificationPreferencesAction", allowed: EVERYONE, args: () => [{ emailOn: ["approval_waiting"], digest: false }], state: (sql) => sql`select count(*)::int as n from notification_preferences` },
  {
    file: "lib/actions/create-api-key.ts",
    name: "createApiKeyAction",
    allowed: ADMINS,
    args: (_fx, who) => [{ name: `Forged ${who}`, role: "operator" }],
    state: (sql, _fx, who) => sql`select count(*)::int as n from api_keys where name = ${`Forged ${who}`}`,
  },
  { file: "lib/actions/revoke-api-key.ts", name: "revokeApiKeyAction", allowed: ADMINS, args: (fx) => [{ apiKeyId: fx.missingBatchId }], state: (sql) => sql`select count(*)::int as n from api_keys where revoked_at is not null` },
  {
    file: "lib/actions/create-webhook-endpoint.ts",
    name: "createWebhookEndpointAction",
    allowed: ADMINS,
    args: (_fx, who) => [{ url: `https://hooks.example.com/roles-${who}`, events: ["batch.completed"] }],
    state: (sql, _fx, who) => sql`select count(*)::int as n from outgoing_webhook_endpoints where url = ${`https://hooks.example.com/roles-${who}`}`,
  },
  { file: "lib/actions/rotate-webhook-secret.ts", name: "rotateWebhookSecretAction", allowed: ADMINS, args: (fx) => [{ endpointId: fx.missingBatchId }], state: (sql) => sql`select secrets from outgoing_webhook_endpoints order by id` },
  { file: "lib/actions/set-webhook-endpoint-enabled.ts", name: "setWebhookEndpointEnabledAction", allowed: ADMINS, args: (fx) => [{ endpointId: fx.missingBatchId, enabled: false }], state: (sql) => sql`select enabled from outgoing_webhook_endpoints order by id` },
  { file: "lib/actions/resend-webhook-delivery.ts", name: "resendWebhookDeliveryAction", allowed: ADMINS, args: (fx) => [{ deliveryId: fx.missingBatchId }], state: (sql) => sql`select count(*)::int as n from outgoing_webhook_deliveries where status = 'pending'` },
  {
    file: "lib/actions/copy-batch.ts",
    name: "copyBatchAction",
    allowed: MAKERS,
    args: (fx) => [{ batchId: fx.missingBatchId, rows: "all" }],
    state: (sql) => sql`select count(*)::int as n from batches where copied_from_id is not null`,
  },
  {
    file: "lib/actions/withdraw-batch.ts",
    name: "withdrawBatchAction",
    allowed: MAKERS,
    args: (fx) => [{ batchId: fx.missingBatchId, version: 1 }],
    state: (sql) => sql`select count(*)::int as n from batches where status = 'draft'`,
  },
  {
    file: "lib/actions/edit-and-resubmit.ts",
    name: "editAndResubmitAction",
    allowed: MAKERS,
    args: (fx) => [{ batchId: fx.missingBatchId }],
    state: (sql) => sql`select count(*)::int as n from batches where copy_kind = 'resubmit'`,
  },
];
