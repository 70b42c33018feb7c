// Client-safe. Account numbers are shown in full only to roles that need them (payees.view_account).

/** `•••• 1234`: the last 4 characters of an account number, the rest hidden. */
export function maskAccount(value: string): string {
  const trimmed = value.trim();
  return trimmed.length <= 4 ? "••••" : `•••• ${trimmed.slice(-4)}`;
}

/** Params whose key names an account number are masked; others (bank code, name) are kept. */
export const SENSITIVE_PARAM = /account_number|iban|account_no|wallet|phone|mobile/i;

export function maskParams(params: Record<string, string>, reveal: boolean): Record<string, string> {
  if (reveal) return params;
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, SENSITIVE_PARAM.test(key) ? maskAccount(value) : value]));
}

/** Which param keys differ between two sets of account details. */
export function changedParams(before: Record<string, string>, after: Record<string, string>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => (before[key] ?? "").trim() !== (after[key] ?? "").trim()).sort();
}

/**
 * What differs between a row's account details and the payee's approved ones, account numbers
 * masked ("account_number •••• 6780 in the row, •••• 7777 approved; bank_code 600 in the row, 601
 * approved"); empty when nothing does.
 */
export function describeChanges(approved: Record<string, string>, row: Record<string, string>): string {
  const show = (key: string, value: string | undefined) => (value === undefined || value === "" ? "(none)" : SENSITIVE_PARAM.test(key) ? maskAccount(value) : value);
  return changedParams(approved, row)
    .map((key) => `${key} ${show(key, row[key])} in the row, ${show(key, approved[key])} approved`)
    .join("; ");
}
