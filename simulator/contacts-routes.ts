import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readJsonBody, sendJson } from "./http";

// Contacts (issue 12), from API.md: create `POST /api/v2/contacts` (email, name, type
// individual|organization, …), detail `GET /api/v2/contacts/detail?email=`, list
// `GET /api/v2/contacts/`, KYC `POST /api/v2/contacts/submit_kyc` with `kyc_statuses[]` on the
// contact. Shapes beyond that are undocumented; this simulator's readings (README):
// - the contact object is `{ id, email, name, type, kyc_statuses: [{ status, created_at }] }`;
// - create answers 200 `{ record }`; a repeated email or a blank one is 422 in the documented
//   `{ errors: { message } }` shape ("Email can't be blank", "Email has already been taken");
// - detail of an unknown email is 422 `{ errors: { message: "Contact not found" } }`;
// - submit_kyc (JSON or form fields, `email`) records `pending`, and the next detail read shows
//   `approved` (or `failed` for an email starting with "kycfail"), so the console's gate can be
//   driven end to end; contacts live in memory only (not in the state file).

type Contact = { id: string; email: string; name: string; type: string; kyc_statuses: { status: string; created_at: string }[] };
type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

const contacts = new Map<string, Contact>();
const messageError = (res: ServerResponse, message: string) => sendJson(res, 422, { errors: { message } });

const createContact: Handler = async (req, res) => {
  const body = await readJsonBody(req);
  if (!body.ok) return sendJson(res, body.error.status, { errors: { code: body.error.code, message: body.error.message } });
  const input = (body.value ?? {}) as Record<string, unknown>;
  const email = typeof input.email === "string" ? input.email.trim().toLowerCase() : "";
  if (!email) return messageError(res, "Email can't be blank");
  if (contacts.has(email)) return messageError(res, "Email has already been taken");
  const type = input.type === "organization" ? "organization" : "individual";
  const contact: Contact = { id: randomUUID(), email, name: typeof input.name === "string" ? input.name : "", type, kyc_statuses: [] };
  contacts.set(email, contact);
  sendJson(res, 200, { record: contact });
};

function settleKyc(contact: Contact): void {
  const last = contact.kyc_statuses.at(-1);
  if (last?.status === "pending") contact.kyc_statuses.push({ status: contact.email.startsWith("kycfail") ? "failed" : "approved", created_at: new Date().toISOString() });
}

const contactDetail: Handler = (_req, res, url) => {
  const email = (url.searchParams.get("email") ?? "").trim().toLowerCase();
  if (!email) return sendJson(res, 400, { errors: { code: "BAD_REQUEST", message: "email is required" } });
  const contact = contacts.get(email);
  if (!contact) return messageError(res, "Contact not found");
  settleKyc(contact);
  sendJson(res, 200, { record: contact });
};

const listContacts: Handler = (_req, res) => {
  for (const contact of contacts.values()) settleKyc(contact);
  sendJson(res, 200, { records: [...contacts.values()] });
};

const submitKyc: Handler = async (req, res) => {
  let email = "";
  if ((req.headers["content-type"] ?? "").includes("application/json")) {
    const body = await readJsonBody(req);
    if (body.ok) email = String((body.value as Record<string, unknown> | null)?.email ?? "");
  } else {
    let text = "";
    for await (const chunk of req) text += String(chunk);
    email = /name="email"\r?\n\r?\n([^\r\n]*)/.exec(text)?.[1] ?? new URLSearchParams(text).get("email") ?? "";
  }
  email = email.trim().toLowerCase();
  if (!email) return messageError(res, "Email can't be blank");
  const contact = contacts.get(email);
  if (!contact) return messageError(res, "Contact not found");
  contact.kyc_statuses.push({ status: "pending", created_at: new Date().toISOString() });
  sendJson(res, 200, { record: contact });
};

/** Registered in api-routes.ts' route table (behind the same authentication). */
export const CONTACT_ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  "/api/v2/contacts": { POST: createContact, GET: listContacts },
  "/api/v2/contacts/": { GET: listContacts },
  "/api/v2/contacts/detail": { GET: contactDetail },
  "/api/v2/contacts/submit_kyc": { POST: submitKyc },
};
