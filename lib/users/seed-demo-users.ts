import { hashPassword } from "../auth/password";
import type { Db } from "../db";
import { users } from "../db/schema";
import { DEMO_PASSWORD, DEMO_USERS } from "./demo-users";

/** Inserts the demo users that are missing; existing ones (and their changes) are left alone. */
export async function seedDemoUsers(db: Db): Promise<number> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const inserted = await db
    .insert(users)
    .values(DEMO_USERS.map((user) => ({ ...user, passwordHash })))
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  return inserted.length;
}
