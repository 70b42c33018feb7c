// Client-safe: the sign-in page, the form and next-auth's redirect callback share it.

export const DEFAULT_CALLBACK = "/batches";

// Backslashes (browsers read "\" as "/" in a URL, so "/\evil" is "//evil"), every C0 control
// character, DEL and C1 controls, raw or percent-encoded: none has a place in a path of ours.
const UNSAFE = /[\\\u0000-\u001f\u007f-\u009f]|%(?:5c|[01][0-9a-f]|7f|[89][0-9a-f])/i;

/**
 * Where to go after signing in: a path on this site only. The value is resolved the way a browser
 * would (`new URL(value, origin)`) and kept only when it stays on the same origin; anything else
 * (another host, a scheme, "//host", "/\host", tabs or newlines, an encoded control character)
 * falls back to the batches page. Returns a path (+ query and hash), never an absolute URL.
 */
export function safeCallback(value: unknown, origin = "http://localhost"): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2000) return DEFAULT_CALLBACK;
  if (UNSAFE.test(raw)) return DEFAULT_CALLBACK;
  let base: URL;
  let resolved: URL;
  try {
    base = new URL(origin);
    // Only a path is a callback: an absolute URL, even to this origin, is not needed and not taken.
    if (!raw.startsWith("/") || raw.startsWith("//")) return DEFAULT_CALLBACK;
    resolved = new URL(raw, base.origin);
  } catch {
    return DEFAULT_CALLBACK;
  }
  if (resolved.origin !== base.origin) return DEFAULT_CALLBACK;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  return path.startsWith("//") ? DEFAULT_CALLBACK : path;
}
