import { appApiDeps } from "@/lib/machine-api/app-deps";
import { listMethodsHandler } from "@/lib/machine-api/handlers";

export const dynamic = "force-dynamic";

// GET /api/v1/methods: payout methods with their fields (API key).
export function GET(request: Request) {
  return listMethodsHandler(request, appApiDeps());
}
