import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveDraft } from "../../lib/batches/save-draft";
import { submitForApproval } from "../../lib/batches/submit-for-approval";
import { createPayeeContact, refreshPayeeContact } from "../../lib/contacts/payee-contact";
import { createContactsClient, type ContactsClient } from "../../lib/hello-clever/contacts";
import { createPayee } from "../../lib/payees/propose-payee";
import { insertMethods, insertUser, MAYA, mayaRow } from "../helpers/batch-fixtures";
import { userContext } from "../helpers/context";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { launchSimulator, type LaunchedSimulator } from "../helpers/simulator";

// Issue 12 (contacts part) against the simulator over HTTP: a require_contact / require_kyc method
// cannot be submitted for approval until every payee has a Hello Clever contact (KYC approved).

let t: TestDatabase;
let sim: LaunchedSimulator;
let client: ContactsClient;
let maker: Awaited<ReturnType<typeof insertUser>>;

beforeAll(async () => {
  [t, sim] = await Promise.all([createTestDatabase(), launchSimulator()]);
  client = createContactsClient({ baseUrl: sim.url, appId: sim.appId, secretKey: sim.secretKey });
  await insertMethods(t.db, { ...MAYA, name: "ph_contact_php", label: "PHP Contact", requireContact: true, requireKyc: true });
  maker = await insertUser(t.db, ["operator"], "Olivia Maker");
});
afterAll(async () => {
  await Promise.all([t?.drop(), sim?.stop()]);
});

describe("Hello Clever contacts", () => {
  it("creates, reads and lists contacts, reading the documented error shapes", async () => {
    const created = await client.createContact({ email: "Ana@Example.org", name: "Ana Reyes" });
    expect(created).toMatchObject({ email: "ana@example.org", name: "Ana Reyes", kycStatus: null });
    expect(created.id).toBeTruthy();
    expect(await client.getContact("ana@example.org")).toMatchObject({ id: created.id });
    expect(await client.getContact("nobody@example.org")).toBeNull();
    expect((await client.listContacts()).map((c) => c.email)).toContain("ana@example.org");
    await expect(client.createContact({ email: "ana@example.org", name: "Again" })).rejects.toMatchObject({ message: "Email has already been taken", httpStatus: 422 });
    await expect(client.createContact({ email: " ", name: "Blank" })).rejects.toMatchObject({ message: "Email can't be blank" });
  });

  it("gates submit-for-approval on every payee's contact and approved KYC, created from the payee's page", async () => {
    const draft = await saveDraft(userContext(t.db, maker), { methodName: "ph_contact_php", description: "Contact gated", transactions: [mayaRow(1)] });
    const submit = () => submitForApproval(userContext(t.db, maker), { batchId: draft.batchId, version: draft.version, approvalExpiryDays: 7 });
    await expect(submit()).rejects.toMatchObject({ code: "invalid", message: expect.stringMatching(/missing for juan1@example.org/) });

    const payee = await createPayee(userContext(t.db, maker), { methodName: "ph_contact_php", name: "Juan Dela Cruz", email: "juan1@example.org", params: mayaRow(1).params as Record<string, string> });
    expect(await createPayeeContact(userContext(t.db, maker), client, { payeeId: payee.id })).toEqual({ email: "juan1@example.org", kycStatus: null });
    await expect(submit()).rejects.toMatchObject({ message: expect.stringMatching(/approved KYC/) });

    // KYC goes through Hello Clever's own flow (here the simulator's submit_kyc), then its status is read.
    const kyc = await fetch(`${sim.url}/api/v2/contacts/submit_kyc`, { method: "POST", headers: { "app-id": sim.appId, "secret-key": sim.secretKey, "content-type": "application/json" }, body: JSON.stringify({ email: "juan1@example.org" }) });
    expect(kyc.status).toBe(200);
    expect(await refreshPayeeContact(userContext(t.db, maker), client, { payeeId: payee.id })).toEqual({ email: "juan1@example.org", kycStatus: "approved", exists: true });
    expect(await submit()).toMatchObject({ kind: "submitted" });
  });
});
