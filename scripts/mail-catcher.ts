import { createDb } from "../lib/db";
import { caughtMail } from "../lib/db/schema";
import { startSmtpCatcher } from "../lib/mail/smtp-catcher";

/** Runs the local SMTP catcher on a free loopback port, storing each message for /admin/outbox; returns its smtp:// URL. */
export async function startMailCatcher(databaseUrl: string): Promise<string> {
  const { db } = createDb(databaseUrl, { max: 2 });
  const catcher = await startSmtpCatcher({
    port: Number(process.env.SMTP_CATCHER_PORT || 0),
    store: async (message) => {
      await db.insert(caughtMail).values(message);
    },
  });
  return catcher.url;
}
