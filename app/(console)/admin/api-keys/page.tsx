import type { Metadata } from "next";
import { ApiKeysPanel } from "@/components/admin/api-keys-panel";
import { PageHeader } from "@/components/ui/page-header";
import { listApiKeys } from "@/lib/api-keys/manage-api-keys";
import { pageContext } from "@/lib/auth/request-context";

export const metadata: Metadata = { title: "API keys" };
export const dynamic = "force-dynamic";

export default async function ApiKeysPage() {
  const keys = await listApiKeys(await pageContext("admin.manage"));
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys for systems that drive payouts through the machine API (<a className="text-brand-700 underline" href="/api/v1/reference">reference</a>). Operators create and submit batches; auditors read. Keys never approve.
          </>
        }
      />
      <ApiKeysPanel keys={keys.map((key) => ({ ...key, createdAt: key.createdAt.toISOString(), lastUsedAt: key.lastUsedAt?.toISOString() ?? null, revokedAt: key.revokedAt?.toISOString() ?? null }))} />
    </>
  );
}
