// Edge-safe checks on a server action's request body, run by the proxy before Next decodes it:
// a body over the limit, or nested deeper than any form could send, would otherwise fail inside
// Next ("Body exceeded 8mb limit", a stack overflow) as a 500.

/** Kept in step with next.config.mjs experimental.serverActions.bodySizeLimit. */
export const ACTION_BODY_LIMIT_BYTES = 8 * 1024 * 1024;
export const ACTION_BODY_LIMIT_LABEL = "8 MB";
/** Deeper than any of our forms (a batch is an object of rows of fields: depth 4 or so). */
export const MAX_NESTING = 64;

/** The deepest nesting of JSON arrays and objects in text (brackets inside strings do not count). */
export function nestingDepth(text: string, stopAt = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i += 1; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAt) return deepest;
      }
    } else if (c === 93 || c === 125) depth -= 1;
  }
  return deepest;
}

export type BodyRefusal = { status: 413 | 400; error: string; message: string };

/** Why an action body must not reach Next, or null when it may. */
export function refuseActionBody(contentLength: number | null, text: string | null): BodyRefusal | null {
  const tooLarge: BodyRefusal = { status: 413, error: "too_large", message: `Too much data sent at once (the limit is ${ACTION_BODY_LIMIT_LABEL}). Split the batch into smaller ones and try again.` };
  if (contentLength !== null && contentLength > ACTION_BODY_LIMIT_BYTES) return tooLarge;
  if (text === null) return null;
  if (new TextEncoder().encode(text).length > ACTION_BODY_LIMIT_BYTES) return tooLarge;
  if (nestingDepth(text, MAX_NESTING) > MAX_NESTING) {
    return { status: 400, error: "too_deep", message: `The data sent is nested too deeply (more than ${MAX_NESTING} levels); nothing was saved.` };
  }
  return null;
}
