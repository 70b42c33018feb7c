import { recordAudit, type Actor } from "../audit/record-audit";
import { hashPassword } from "../auth/password";
import type { Role } from "../auth/roles";
import type { Db } from "../db";
import { users, type User } from "../db/schema";
import { DomainError } from "../errors";

/** Creates a user with a hashed password, audited in the same transaction; refuses an email already taken. */
export async function createUser(
  db: Db,
  input: { email: string; name: string; password: string; roles: Role[]; actor: Actor; requestId?: string | null },
): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: input.email.trim().toLowerCase(), name: input.name, passwordHash, roles: input.roles })
      .onConflictDoNothing({ target: users.email })
      .returning();
    if (!user) throw new DomainError("conflict", `A user with email ${input.email} already exists`);
    await recordAudit(tx, {
      actor: input.actor,
      action: "user.create",
      entityType: "user",
      entityId: user.id,
      after: { email: user.email, name: user.name, roles: user.roles, active: user.active },
      requestId: input.requestId,
    });
    return user;
  });
}
