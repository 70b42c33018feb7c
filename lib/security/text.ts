// Client-safe checks for text typed or sent by people: NUL and the other control characters have
// no place in a name, a filter or a status (PostgreSQL refuses NUL outright, which would be a 500).

// C0 controls except tab, line feed and carriage return; DEL; C1 controls.
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// Every C0 control (tabs and line breaks included), DEL, C1.
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f]/;

/** Whether text holds a control character (NUL included); line breaks and tabs only count when `singleLine`. */
export function hasControlCharacters(value: string, options: { singleLine?: boolean } = {}): boolean {
  return (options.singleLine === false ? CONTROL_MULTILINE : CONTROL_SINGLE_LINE).test(value);
}

export const CONTROL_CHARACTERS_MESSAGE = "Remove control characters (such as NUL or line breaks) from this field";

/** Text with every control character written out as `\uXXXX`, for storing what someone sent (PostgreSQL stores no NUL). */
export function escapeControlCharacters(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The same for every string value of a flat record (query-string filters). */
export function escapeRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [escapeControlCharacters(key).slice(0, 100), escapeControlCharacters(value).slice(0, 500)]));
}
