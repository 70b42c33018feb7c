import { inArray } from "drizzle-orm";
import { hashPassword } from "../auth/password";
import { encryptTotpSecret } from "../auth/totp-crypto";
import type { Db } from "../db";
import { userTotp, users } from "../db/schema";
import { DEMO_PASSWORD, DEMO_USERS } from "./demo-users";

/**
 * Inserts the demo users that are missing; existing ones (and their changes) are left alone.
 * With a TOTP key, the demo approvers and admin get their fixed authenticator secret (when they have none yet).
 */
export async function seedDemoUsers(db: Db, options: { totpKey?: Buffer } = {}): Promise<number> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const inserted = await db
    .insert(users)
    .values(DEMO_USERS.map((user) => ({ email: user.email, name: user.name, roles: user.roles, passwordHash })))
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  const withTotp = DEMO_USERS.filter((user) => user.totpSecret);
  if (options.totpKey && withTotp.length > 0) {
    const rows = await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, withTotp.map((user) => user.email)));
    const now = new Date();
    await db
      .insert(userTotp)
      .values(rows.map((row) => ({ userId: row.id, secretEncrypted: encryptTotpSecret(options.totpKey!, withTotp.find((user) => user.email === row.email)!.totpSecret!), confirmedAt: now })))
      .onConflictDoNothing({ target: userTotp.userId });
  }
  return inserted.length;
}
