import { openApiDocument } from "@/lib/machine-api/openapi";
import { renderReference } from "@/lib/machine-api/render-reference";

// GET /api/v1/reference: the machine API reference, rendered from the OpenAPI document (public).
export function GET() {
  return new Response(renderReference(openApiDocument() as Parameters<typeof renderReference>[0]), { headers: { "content-type": "text/html; charset=utf-8" } });
}
