import { z } from "zod";

// Hello Clever contacts (API.md "Contacts"): create `POST /api/v2/contacts`, detail
// `GET /api/v2/contacts/detail?email=`, list `GET /api/v2/contacts/`. Their shapes beyond the
// fields are not documented: the reading is tolerant (the record under `record`, `data` or at the
// top; an id under `id` or `uuid`; KYC as the last of `kyc_statuses[]`, a string or `{ status }`).

export type ContactsConfig = { baseUrl: string; appId: string; secretKey: string; timeoutMs?: number };
export type Contact = { id: string | null; email: string; name: string | null; kycStatus: string | null; raw: Record<string, unknown> };

export class ContactsError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | null,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = "ContactsError";
  }
}

const kycSchema = z.union([z.string(), z.object({ status: z.string().nullish() }).loose()]);

function readContact(body: unknown): Contact {
  const object = (body ?? {}) as Record<string, unknown>;
  const record = ((object.record ?? object.data ?? object) as Record<string, unknown>) ?? {};
  const statuses = z.array(kycSchema).safeParse(record.kyc_statuses);
  const last = statuses.success ? statuses.data.at(-1) : undefined;
  const id = record.id ?? record.uuid ?? null;
  return {
    id: id === null ? null : String(id),
    email: String(record.email ?? "").toLowerCase(),
    name: typeof record.name === "string" ? record.name : null,
    kycStatus: last === undefined ? null : typeof last === "string" ? last : (last.status ?? null),
    raw: record,
  };
}

/** The provider's words from any documented error shape: `{errors:{code,message}}`, `{errors:{message}}`, `{errors:{field:"can't be blank"}}`. */
function errorOf(status: number, text: string): ContactsError {
  let errors: unknown;
  try {
    errors = (JSON.parse(text) as { errors?: unknown }).errors;
  } catch {
    return new ContactsError(`Hello Clever answered HTTP ${status}`, status);
  }
  if (errors && typeof errors === "object") {
    const map = errors as Record<string, unknown>;
    if (typeof map.message === "string") return new ContactsError(map.message, status, typeof map.field === "string" ? map.field : null);
    const [field, message] = Object.entries(map).find(([, value]) => typeof value === "string") ?? [];
    if (field) return new ContactsError(`${field} ${String(message)}`, status, field);
  }
  return new ContactsError(`Hello Clever answered HTTP ${status}`, status);
}

export function createContactsClient(config: ContactsConfig) {
  async function call(method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
    const url = `${config.baseUrl.replace(/\/$/, "")}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { "app-id": config.appId, "secret-key": config.secretKey, accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new ContactsError(`Could not reach Hello Clever (${error instanceof Error ? error.message : String(error)})`, null);
    }
    const text = await response.text();
    if (!response.ok) throw errorOf(response.status, text);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ContactsError("Hello Clever's answer could not be read", response.status);
    }
  }

  return {
    /** `POST /api/v2/contacts`. */
    async createContact(input: { email: string; name: string; type?: "individual" | "organization" }): Promise<Contact> {
      return readContact(await call("POST", "/api/v2/contacts", { email: input.email, name: input.name, type: input.type ?? "individual" }));
    },
    /** `GET /api/v2/contacts/detail?email=`; null when Hello Clever has no contact with that email (its 404/422). */
    async getContact(email: string): Promise<Contact | null> {
      try {
        return readContact(await call("GET", `/api/v2/contacts/detail?email=${encodeURIComponent(email)}`));
      } catch (error) {
        if (error instanceof ContactsError && (error.httpStatus === 404 || error.httpStatus === 422)) return null;
        throw error;
      }
    },
    /** `GET /api/v2/contacts/`. */
    async listContacts(): Promise<Contact[]> {
      const body = (await call("GET", "/api/v2/contacts/")) as { records?: unknown[]; data?: unknown[] } | unknown[];
      const list = Array.isArray(body) ? body : (body.records ?? body.data ?? []);
      return list.map((item) => readContact({ record: item }));
    },
  };
}
export type ContactsClient = ReturnType<typeof createContactsClient>;
