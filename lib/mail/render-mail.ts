/** One mail as we send it: plain text and HTML with the same words and link. */
export type MailContent = { subject: string; text: string; html: string };

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export type MailItem = { title: string; body: string; link: string | null };

const absolute = (baseUrl: string, link: string | null) => (link ? `${baseUrl.replace(/\/$/, "")}${link}` : null);

/**
 * A notification as mail. Bodies carry batch descriptions, totals and reasons, never payee
 * account numbers (notifications are written without them).
 */
export function renderNotificationMail(item: MailItem, baseUrl: string): MailContent {
  return renderMail(item.title, [item], baseUrl);
}

/** The daily digest: every notification since the last one, in one mail. */
export function renderDigestMail(items: MailItem[], baseUrl: string): MailContent {
  return renderMail(`Payout Desk: ${items.length} notification${items.length === 1 ? "" : "s"} today`, items, baseUrl);
}

function renderMail(subject: string, items: MailItem[], baseUrl: string): MailContent {
  const settings = absolute(baseUrl, "/notifications")!;
  const text = [
    ...items.map((item) => [item.title, item.body, absolute(baseUrl, item.link) ? `Open: ${absolute(baseUrl, item.link)}` : null].filter(Boolean).join("\n")),
    `--\nPayout Desk. Choose what you get by email: ${settings}`,
  ].join("\n\n");
  const html = [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a">',
    ...items.map((item) => {
      const url = absolute(baseUrl, item.link);
      return `<h2 style="font-size:16px">${escapeHtml(item.title)}</h2><p>${escapeHtml(item.body)}</p>${url ? `<p><a href="${escapeHtml(url)}">Open the batch</a></p>` : ""}`;
    }),
    `<hr><p style="font-size:12px;color:#64748b">Payout Desk. <a href="${escapeHtml(settings)}">Choose what you get by email</a>.</p></body></html>`,
  ].join("\n");
  return { subject, text, html };
}
