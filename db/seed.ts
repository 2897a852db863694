import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { hash } from "@node-rs/argon2";
import { loadEnvFiles } from "./local/load-env";
import { ensureChannel } from "./queries/channels";
import { createUser, findUserByUsername } from "./queries/users";

export const SEED_CHANNELS = [
  { slug: "general", name: "general", topic: "Anything and everything" },
  { slug: "random", name: "random", topic: "Off-topic, links and fun" },
];

/**
 * Seeds the channels and the admin account. Safe to run again: existing rows are kept, and the
 * admin's password is only set when the account is created.
 */
export async function seed(options: {
  adminPassword?: string;
}): Promise<{ adminPassword: string | null }> {
  let adminPassword: string | null = null;
  let admin = await findUserByUsername("admin");
  if (!admin) {
    adminPassword = options.adminPassword || randomBytes(12).toString("base64url");
    admin = await createUser({
      username: "admin",
      displayName: "Admin",
      role: "admin",
      passwordHash: await hash(adminPassword),
    });
  }
  for (const channel of SEED_CHANNELS) await ensureChannel({ ...channel, createdBy: admin?.id });
  return { adminPassword: options.adminPassword ? null : adminPassword };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  loadEnvFiles();
  seed({ adminPassword: process.env.ADMIN_PASSWORD })
    .then(({ adminPassword }) => {
      console.log("Seeded channels #general and #random.");
      if (adminPassword) {
        console.log(
          `Created the admin account: username "admin", password "${adminPassword}" (shown once).`,
        );
      }
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error("Seeding failed:", error);
      process.exit(1);
    });
}
