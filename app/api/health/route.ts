import { getDbHandle } from "@/lib/db";
import { checkHealth } from "@/lib/health";
import packageJson from "@/package.json";

export const dynamic = "force-dynamic";

// GET /api/health: liveness and database reachability for load balancers (no sign-in).
export async function GET() {
  const health = await checkHealth(getDbHandle().sql, packageJson.version);
  return Response.json(health, { status: health.status === "ok" ? 200 : 503 });
}
