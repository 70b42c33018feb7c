import { TRANSACTION_FIXED_FIELDS } from "./transaction-schema";
import { PARAM_KEY_PATTERN, type ParsedField } from "./schemas";

export type ParseSpecResult = { ok: true; fields: ParsedField[] } | { ok: false; error: string };

const KNOWN_TYPES = new Set<string>(["string"]);
const FIXED_KEYS = new Set<string>(TRANSACTION_FIXED_FIELDS.map((field) => field.key));
// <type>:<Mandatory|Optional> <Label words> (API.md "Spec-string grammar").
const SPEC = /^([^:]*):(\S*)(?:\s+(.*))?$/s;

/**
 * Parses a method's `payout_method_params` into its ordered field list. Strict: anything
 * outside the documented grammar is an error naming the method and field, never a guess.
 */
export function parseSpec(methodName: string, spec: unknown): ParseSpecResult {
  if (typeof spec !== "object" || spec === null || Array.isArray(spec)) {
    return { ok: false, error: `Method ${methodName}: payout_method_params is not an object` };
  }
  const fields: ParsedField[] = [];
  for (const [key, value] of Object.entries(spec)) {
    const fail = (problem: string): ParseSpecResult => ({
      ok: false,
      error: `Method ${methodName}, field ${key}: ${problem}`,
    });
    if (!PARAM_KEY_PATTERN.test(key)) {
      return fail("key must be lowercase letters, digits and underscores, starting with a letter");
    }
    // The transaction sends these beside the params; one key meaning two things is ambiguous.
    if (FIXED_KEYS.has(key)) return fail("key collides with the transaction field of the same name");
    if (typeof value !== "string") return fail(`spec must be a string, got ${value === null ? "null" : typeof value}`);
    const match = SPEC.exec(value.trim());
    if (!match) return fail(`spec "${value}" is not <type>:<Mandatory|Optional> <Label>`);
    const [, type = "", presence = "", rawLabel = ""] = match;
    if (!KNOWN_TYPES.has(type)) return fail(`unknown type "${type}" (expected string)`);
    if (presence !== "Mandatory" && presence !== "Optional") {
      return fail(`expected Mandatory or Optional after "${type}:", got "${presence}"`);
    }
    const label = rawLabel.replace(/\s+/g, " ").trim();
    if (label === "") return fail("label is empty");
    fields.push({ key, type: "string", required: presence === "Mandatory", label });
  }
  return { ok: true, fields };
}
