import { hashPassword } from "../auth/password";
import type { Role } from "../auth/roles";
import type { Db } from "../db";
import { users, type User } from "../db/schema";
import { DomainError } from "../errors";

/** Creates a user with a hashed password; refuses an email already taken. */
export async function createUser(db: Db, input: { email: string; name: string; password: string; roles: Role[] }): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  const [user] = await db
    .insert(users)
    .values({ email: input.email.trim().toLowerCase(), name: input.name, passwordHash, roles: input.roles })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (!user) throw new DomainError("conflict", `A user with email ${input.email} already exists`);
  return user;
}
