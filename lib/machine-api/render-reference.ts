// Renders the OpenAPI document as one self-contained HTML page (no scripts, no CDN).

type Doc = { info: { title: string; description?: string }; paths?: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, unknown> } };
type Operation = { summary?: string; description?: string; parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[]; requestBody?: { content: Record<string, { schema: unknown }> }; responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }> };

const esc = (value: string) => value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const json = (value: unknown) => `<pre>${esc(JSON.stringify(value, null, 2))}</pre>`;

export function renderReference(doc: Doc): string {
  const ops = Object.entries(doc.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const params = (op.parameters ?? []).map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? "yes" : "no"}</td><td>${esc(p.description ?? "")}</td></tr>`).join("");
      const body = op.requestBody ? Object.entries(op.requestBody.content).map(([type, c]) => `<h4>Body (${esc(type)})</h4>${json(c.schema)}`).join("") : "";
      const responses = Object.entries(op.responses)
        .map(([status, r]) => `<li><strong>${esc(status)}</strong> ${esc(r.description)}${r.content ? Object.values(r.content).map((c) => json(c.schema)).join("") : ""}</li>`)
        .join("");
      const id = `${method}-${path}`.replace(/[^a-z0-9]+/gi, "-");
      return `<section id="${id}"><h2><span class="m">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h2><p>${esc(op.summary ?? "")}</p>${op.description ? `<p>${esc(op.description)}</p>` : ""}${params ? `<h3>Parameters</h3><table><thead><tr><th scope="col">name</th><th scope="col">in</th><th scope="col">required</th><th scope="col">description</th></tr></thead><tbody>${params}</tbody></table>` : ""}${body}<h3>Responses</h3><ul>${responses}</ul></section>`;
    }),
  );
  const schemas = Object.entries(doc.components?.schemas ?? {}).map(([name, schema]) => `<section id="schema-${esc(name)}"><h3>${esc(name)}</h3>${json(schema)}</section>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(doc.info.title)}: reference</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#0f172a}pre{background:#f1f5f9;padding:.75rem;overflow:auto;font-size:.8rem}.m{background:#1e40af;color:#fff;padding:0 .4rem;border-radius:.25rem;font-size:.9rem}table{border-collapse:collapse}td,th{border:1px solid #cbd5e1;padding:.25rem .5rem;text-align:left}section{border-top:1px solid #e2e8f0;padding-top:1rem}</style></head>
<body><main><h1>${esc(doc.info.title)}</h1><p>${esc(doc.info.description ?? "")}</p><p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1). Authenticate with <code>Authorization: Bearer pdk_…</code>; send <code>Idempotency-Key</code> with every POST.</p>
${ops.join("\n")}<h2>Schemas</h2>${schemas.join("\n")}</main></body></html>`;
}
