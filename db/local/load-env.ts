import { existsSync } from "node:fs";

/**
 * Loads .env.local then .env into process.env for scripts, the way Next.js does for the app:
 * variables already set win, then .env.local, then .env.
 */
export function loadEnvFiles(dir = process.cwd()): void {
  for (const file of [".env.local", ".env"]) {
    const full = `${dir}/${file}`;
    if (existsSync(full)) process.loadEnvFile(full);
  }
}
