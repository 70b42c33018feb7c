// Apart from schemas.ts on purpose: the filter form runs in the browser and needs only this,
// and importing it from there would ship zod with /history and /audit (about 30 KB gzip).

/** The query string for a set of filters (unset and default values left out, so links stay short). */
export function filtersToSearch(filters: Record<string, string | undefined>, defaults: Record<string, string> = { view: "transactions" }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== "" && defaults[key] !== value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}
