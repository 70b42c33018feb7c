import "server-only";
import { getEnv } from "../env";
import { createContactsClient, type ContactsClient } from "../hello-clever/contacts";

let client: ContactsClient | null = null;

/** The contacts client on the same credentials as the payouts client (the simulator on embedded defaults). */
export function getContactsClient(): ContactsClient {
  if (!client) {
    const env = getEnv();
    client = createContactsClient({ baseUrl: env.HELLO_CLEVER_BASE_URL, appId: env.HELLO_CLEVER_APP_ID, secretKey: env.HELLO_CLEVER_SECRET_KEY });
  }
  return client;
}
