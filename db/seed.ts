import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { hash } from "@node-rs/argon2";
import {
  checkPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type PasswordProblem,
} from "../app/(auth)/password";
import { usernameSchema } from "../app/(auth)/schemas";
import { loadEnvFiles } from "./local/load-env";
import { ensureChannel } from "./queries/channels";
import { createUser, findUserByUsername } from "./queries/users";

export const SEED_CHANNELS = [
  { slug: "general", name: "general", topic: "Anything and everything" },
  { slug: "random", name: "random", topic: "Off-topic, links and fun" },
];

/** A seed setting that cannot be used; its message says which and what to do. */
export class SeedConfigError extends Error {}

// The seed is a script run by the deployer, in English: the site's translator (next-intl) needs
// React's client build, which a script under the react-server condition cannot load.
const WEAK_PASSWORD: Record<PasswordProblem, string> = {
  tooShort: `Password must be at least ${PASSWORD_MIN_LENGTH} characters`,
  tooLong: `Password must be at most ${PASSWORD_MAX_LENGTH} characters`,
  tooCommon: "This password is too common: it is on lists attackers try first. Choose another",
  nearUsername: "Password is too close to your username",
};

/** The first admin's username: ADMIN_USERNAME's value when given, else "admin". */
export function adminUsernameFrom(value: string | undefined): string {
  if (!value) return "admin";
  const parsed = usernameSchema.safeParse(value);
  if (!parsed.success) {
    throw new SeedConfigError(
      `ADMIN_USERNAME "${value}" cannot be used: a username is 3 to 32 letters, digits, _ or -.`,
    );
  }
  return parsed.data;
}

/**
 * Seeds the channels and the admin account. Safe to run again: existing rows are kept, and the
 * admin's password is only set when the account is created. The admin may have a staff-like
 * name (sign-up refuses those); a given password must pass the same rules as anyone's.
 */
export async function seed(options: {
  adminUsername?: string;
  adminPassword?: string;
}): Promise<{ adminUsername: string; adminPassword: string | null }> {
  const adminUsername = adminUsernameFrom(options.adminUsername);
  if (options.adminPassword) {
    // Checked even when the account exists already: a weak value should not sit in the
    // deployment's settings waiting for the next fresh database.
    const problem = checkPassword(options.adminPassword, { username: adminUsername });
    if (problem) {
      throw new SeedConfigError(
        `ADMIN_PASSWORD is too weak: ${WEAK_PASSWORD[problem]}. Set a stronger one, or leave ADMIN_PASSWORD unset to have a strong one generated and printed once.`,
      );
    }
  }
  let adminPassword: string | null = null;
  let admin = await findUserByUsername(adminUsername);
  if (!admin) {
    // 16 characters of base64url: 96 random bits.
    adminPassword = options.adminPassword || randomBytes(12).toString("base64url");
    admin = await createUser({
      username: adminUsername,
      displayName: "Admin",
      role: "admin",
      passwordHash: await hash(adminPassword),
    });
  }
  for (const channel of SEED_CHANNELS) await ensureChannel({ ...channel, createdBy: admin?.id });
  return { adminUsername, adminPassword: options.adminPassword ? null : adminPassword };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  loadEnvFiles();
  seed({ adminUsername: process.env.ADMIN_USERNAME, adminPassword: process.env.ADMIN_PASSWORD })
    .then(({ adminUsername, adminPassword }) => {
      console.log("Seeded channels #general and #random.");
      if (adminPassword) {
        console.log(
          `Created the admin account: username "${adminUsername}", password "${adminPassword}" (shown once).`,
        );
      }
      process.exit(0);
    })
    .catch((error: unknown) => {
      if (error instanceof SeedConfigError) console.error(`Seeding failed: ${error.message}`);
      else console.error("Seeding failed:", error);
      process.exit(1);
    });
}
