import nodemailer, { type Transporter } from "nodemailer";
import type { MailContent } from "./render-mail";

export type Mailer = { send(to: string, content: MailContent): Promise<void>; close(): void };

/** A nodemailer transport to `smtpUrl` (smtp:// or smtps://, credentials in the URL). Short timeouts: a retry follows. */
export function createMailer(smtpUrl: string, from: string): Mailer {
  const transport: Transporter = nodemailer.createTransport(smtpUrl, {});
  transport.set?.("connectionTimeout", 10_000);
  return {
    async send(to, content) {
      await transport.sendMail({ from, to, subject: content.subject, text: content.text, html: content.html });
    },
    close() {
      transport.close();
    },
  };
}
