/**
 * `npm run user:role -- <username> <role>`: sets a role from the command line, e.g. the first
 * admin of a new install. Recorded in the audit log with no actor ("command line").
 */
import { fileURLToPath } from "node:url";
import { loadEnvFiles } from "./local/load-env";
import { recordAction } from "./queries/moderation";
import { findUserByUsername, setUserRole } from "./queries/users";
import { ROLES, type Role } from "./schema";

/** Sets `username`'s role; returns the previous one. */
export async function setRoleFromCli(username: string, role: Role): Promise<Role> {
  const user = await findUserByUsername(username);
  if (!user) throw new Error(`No user named "${username}"`);
  await setUserRole({ userId: user.id, role });
  await recordAction({
    actorId: null,
    action: "set_role",
    targetUserId: user.id,
    reason: "set from the command line",
    details: { from: user.role, to: role },
  });
  return user.role;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [username, role] = process.argv.slice(2);
  if (!username || !ROLES.includes(role as Role)) {
    console.error(`Usage: npm run user:role -- <username> <${ROLES.join("|")}>`);
    process.exit(2);
  }
  loadEnvFiles();
  if (!process.env.DATABASE_URL) {
    // npm run dev's local database, when it is the one in use.
    process.env.DATABASE_URL = `mysql://root@127.0.0.1:${process.env.LOCAL_DB_PORT ?? 3307}/chat`;
  }
  setRoleFromCli(username, role as Role).then(
    (previous) => {
      console.log(`${username}: ${previous} → ${role}`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error((error as Error).message);
      process.exit(1);
    },
  );
}
