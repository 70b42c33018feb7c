/** A UTC instant for server-rendered pages, e.g. "31 Jan 2030, 09:00 UTC" (the same text on every server). */
export function formatInstant(at: Date | null): string {
  if (!at) return "—";
  return `${new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(at)} UTC`;
}
