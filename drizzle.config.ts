import { defineConfig } from "drizzle-kit";

// Only `generate` and `check` run through drizzle-kit; migrations are applied by
// db/migrate.ts with drizzle-orm's migrator (drizzle-kit push misbehaves on MariaDB).
export default defineConfig({
  dialect: "mysql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  dbCredentials: { url: process.env.DATABASE_URL ?? "mysql://root@127.0.0.1:3306/chat" },
  strict: true,
  verbose: true,
});
