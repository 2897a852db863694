import { writeFileSync } from "node:fs";

/** Room settings `npm run dev` hands on from its environment (.env.local) when they are set. */
const PASSED_ON = [
  "PARTY_SECRET",
  "STORE_MAX_WAIT_MS",
  "RATE_LIMIT_BURST",
  "RATE_LIMIT_PER_SECOND",
  "MAX_SOCKETS_PER_USER",
  "INVALID_FRAME_LIMIT",
  "INVALID_FRAME_WINDOW_MS",
  "TYPING_MAX_SOCKETS",
] as const;

/**
 * The text of .dev.vars, the file `wrangler dev` reads the room's secrets from: the same values
 * the app reads from .env.local (one place for a person to edit), plus where the app is.
 */
export function devVarsText(
  env: Record<string, string | undefined>,
  app: { url: string; origins: string[] },
) {
  const vars: Record<string, string> = {};
  for (const name of PASSED_ON) {
    const value = env[name];
    if (value) vars[name] = value;
  }
  vars.APP_URL = app.url;
  vars.ALLOWED_ORIGINS = env.ALLOWED_ORIGINS ?? app.origins.join(",");
  const lines = Object.entries(vars).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return `# Written by \`npm run dev\` on every start from .env.local: edit that file, not this one.\n${lines.join("\n")}\n`;
}

/** Writes .dev.vars (owner-only: it holds PARTY_SECRET). */
export function writeDevVars(text: string, file = ".dev.vars"): void {
  writeFileSync(file, text, { mode: 0o600 });
}
