import { DomainError } from "../errors";

// PostgreSQL's answers to a value it cannot store or read (class 22, data exception): NUL in text
// (22021), "\u0000" in JSON (22P05), a bad number, date or uuid (22P02, 22007, 22008, 22003).
// Reaching one means a check upstream let bad input through; it is still the caller's input, so
// it is answered as a 4xx with a message, never a 500.
const INPUT_CODES: Record<string, string> = {
  "22021": "Text contains a character that cannot be stored (such as NUL)",
  "22P05": "Text contains a character that cannot be stored (such as NUL)",
  "22P02": "A value is not in the expected form",
  "22007": "A date or time is not valid",
  "22008": "A date or time is out of range",
  "22003": "A number is out of range",
  "54001": "The input is too deeply nested or too large",
};

function postgresCode(error: unknown): string | null {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && code in INPUT_CODES) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** The DomainError ("invalid") for a database refusal caused by the input, or null for anything else. */
export function inputErrorFrom(error: unknown): DomainError | null {
  const code = postgresCode(error);
  return code ? new DomainError("invalid", INPUT_CODES[code]!) : null;
}
