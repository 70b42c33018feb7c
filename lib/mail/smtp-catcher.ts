import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type CaughtMessage = { mailFrom: string; rcptTo: string[]; subject: string; text: string; html: string | null };

export type SmtpCatcher = { port: number; url: string; stop(): Promise<void> };

/**
 * A local SMTP server that accepts every message (no auth, loopback only) and hands it to
 * `store`: on embedded defaults `npm start` runs one so mail shows at /admin/outbox.
 */
export async function startSmtpCatcher(options: { port: number; host?: string; store: (message: CaughtMessage) => Promise<void> }): Promise<SmtpCatcher> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) =>
          options.store({
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : null,
          }),
        )
        .then(() => callback(), (error: Error) => callback(error));
    },
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return { port, url: `smtp://${host}:${port}`, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
