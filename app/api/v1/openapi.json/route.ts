import { openApiDocument } from "@/lib/machine-api/openapi";

// GET /api/v1/openapi.json: the machine API's OpenAPI 3.1 document (public: it holds no data).
export function GET() {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
