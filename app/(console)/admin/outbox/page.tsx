import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { pageContext } from "@/lib/auth/request-context";
import { getEnv } from "@/lib/env";
import { listCaughtMail } from "@/lib/mail/list-caught-mail";

export const metadata: Metadata = { title: "Outbox" };
export const dynamic = "force-dynamic";

export default async function OutboxPage() {
  const mail = await listCaughtMail(await pageContext("admin.manage"));
  const catching = getEnv().MAIL_CATCHER === "1";
  return (
    <>
      <PageHeader
        title="Outbox"
        description={catching ? "Mail the console sent, caught by the local SMTP server that npm start runs on embedded defaults (nothing leaves this machine)." : "Mail goes to SMTP_URL; this page shows only what a local catcher received."}
      />
      {mail.length === 0 ? (
        <EmptyState title="No mail yet" description="Mail appears here when a notification is emailed, for example when a batch waits for an approver." />
      ) : (
        <ul className="space-y-3" data-testid="outbox">
          {mail.map((message) => (
            <li key={message.id} className="rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="outbox-message">
              <details>
                <summary className="cursor-pointer px-4 py-3">
                  <span className="font-medium text-slate-900">{message.subject}</span>
                  <span className="ml-2 text-sm text-slate-500">
                    to {message.rcptTo.join(", ")} · <RelativeTime iso={message.receivedAt.toISOString()} />
                  </span>
                </summary>
                <pre className="border-t border-slate-100 px-4 py-3 text-sm whitespace-pre-wrap text-slate-700">{message.text}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
