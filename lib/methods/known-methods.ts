import knownMethodsJson from "./known-methods.json" with { type: "json" };

/**
 * The payout methods Hello Clever's documentation names (a copy of the docs' methods list, shipped
 * with the app: the provider documents no endpoint that lists them). Each one's fields are read
 * from the documented params endpoint at sync time.
 */
export interface KnownMethod {
  name: string;
  /** The method's currency when known (picks per-currency credentials); null for an added name. */
  currency: string | null;
  label: string | null;
}

export const KNOWN_METHODS: readonly KnownMethod[] = (knownMethodsJson as Array<{ payout_method_name: string; currency: string; label: string }>).map((m) => ({
  name: m.payout_method_name,
  currency: m.currency,
  label: m.label,
}));

const NAME = /^[a-z0-9_]{2,100}$/;

/**
 * Parses HELLO_CLEVER_METHODS (a comma list). Plain names replace the shipped list (narrowing it, and
 * extending it with names it does not have); `+name` adds to it and `-name` removes from it. Unset or
 * blank: the shipped list. Throws naming the bad entry.
 */
export function parseMethodList(setting: string | undefined | null): { only: string[] | null; add: string[]; remove: string[] } {
  const entries = (setting ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  const only: string[] = [];
  const add: string[] = [];
  const remove: string[] = [];
  for (const entry of entries) {
    const sign = entry[0] === "+" || entry[0] === "-" ? entry[0] : "";
    const name = entry.slice(sign.length).trim();
    if (!NAME.test(name)) throw new Error(`"${entry}" is not a payout method name (lower-case letters, digits and _)`);
    (sign === "+" ? add : sign === "-" ? remove : only).push(name);
  }
  return { only: only.length > 0 ? only : null, add, remove };
}

/** The methods this console syncs: the shipped list as HELLO_CLEVER_METHODS narrows or extends it. */
export function methodsToSync(setting: string | undefined | null, shipped: readonly KnownMethod[] = KNOWN_METHODS): KnownMethod[] {
  const { only, add, remove } = parseMethodList(setting);
  const byName = new Map(shipped.map((method) => [method.name, method]));
  const names = [...(only ?? shipped.map((method) => method.name)), ...add].filter((name) => !remove.includes(name));
  return [...new Set(names)].map((name) => byName.get(name) ?? { name, currency: currencyFromName(name), label: null });
}

// Method names end with the currency (`ph_bank_maya_php`); only used to pick credentials.
function currencyFromName(name: string): string | null {
  const match = /_([a-z]{3,4})$/.exec(name);
  return match ? match[1]!.toUpperCase() : null;
}
