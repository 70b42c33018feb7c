// Client-safe: an audit entry as a sentence people read, with the raw action code shown beside it.

/** Every action code the console writes, for the /audit filter's select (prefixes first). */
export const AUDIT_ACTION_CODES = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_locked",
  "batch.create",
  "batch.edit",
  "batch.copy",
  "batch.cancel",
  "batch.submit",
  "batch.withdraw",
  "batch.approve",
  "batch.reject",
  "batch.approval_expire",
  "batch.submission_start",
  "batch.submission_fail",
  "batch.submission_resolve",
  "batch.submission_retry",
  "batch.provider_update",
  "batch.reconcile",
  "batch.cancel_scheduled",
  "user.create",
  "user.roles_change",
  "user.set_active",
  "user.password_reset",
  "approval_threshold.set",
  "methods.sync",
  "history.export",
  "audit.export",
] as const;

const VERBS: Record<string, string> = {
  "auth.sign_in": "signed in",
  "auth.sign_in_failed": "failed to sign in",
  "auth.sign_in_locked": "was locked out after failed sign-ins",
  "batch.create": "created batch",
  "batch.edit": "edited batch",
  "batch.save_draft": "saved draft",
  "batch.copy": "made batch",
  "batch.cancel": "cancelled batch",
  "batch.submit": "submitted for approval batch",
  "batch.submit_for_approval": "submitted for approval batch",
  "batch.withdraw": "withdrew from approval batch",
  "batch.approve": "approved batch",
  "batch.reject": "rejected batch",
  "batch.approval_expire": "expired unapproved batch",
  "batch.submission_start": "started sending to Hello Clever batch",
  "batch.submission_fail": "recorded a failed submission of batch",
  "batch.submission_resolve": "resolved the submission of batch",
  "batch.submission_retry": "retried the submission of batch",
  "batch.provider_update": "recorded a Hello Clever update to batch",
  "batch.reconcile": "reconciled batch",
  "batch.cancel_scheduled": "cancelled the scheduled payout of batch",
  "user.create": "created a user",
  "user.roles_change": "changed a user's roles",
  "user.set_active": "changed whether a user may sign in",
  "user.password_reset": "reset a user's password",
  "approval_threshold.set": "set an approval threshold",
  "methods.sync": "synced the payout methods",
  "history.export": "exported history",
  "audit.export": "exported the audit trail",
};

/** Who acted, in words: a person's name, else the label ("job:reconcile" → "The reconcile job"). */
function who(actorName: string | null, actorLabel: string): string {
  if (actorName) return actorName;
  if (actorLabel.startsWith("job:")) return `The ${actorLabel.slice(4).replace(/[-_]/g, " ")} job`;
  return actorLabel;
}

/** "Ava Approver approved batch 5eb528f1". */
export function describeAudit(entry: { actorName: string | null; actorLabel: string; action: string; batchId: string | null; details?: unknown }): string {
  const verb = VERBS[entry.action] ?? `did ${entry.action.replace(/[._]/g, " ")}`;
  const batch = entry.batchId ? entry.batchId.slice(0, 8) : null;
  if (entry.action === "batch.copy" && batch) {
    const from = (entry.details as { from?: unknown } | null)?.from;
    return `${who(entry.actorName, entry.actorLabel)} made batch ${batch}${typeof from === "string" ? ` from batch ${from.slice(0, 8)}` : ""}`;
  }
  if (verb.endsWith("batch") || verb.endsWith(" of batch")) return `${who(entry.actorName, entry.actorLabel)} ${verb}${batch ? ` ${batch}` : ""}`;
  return `${who(entry.actorName, entry.actorLabel)} ${verb}${batch ? ` (batch ${batch})` : ""}`;
}
