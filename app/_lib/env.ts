import "server-only";
import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z.string().startsWith("mysql://", "DATABASE_URL must be a mysql:// URL"),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be set to at least 32 characters"),
  PARTY_SECRET: z.string().min(32, "PARTY_SECRET must be set to at least 32 characters"),
  /** Host (and port) of the room as the browser reaches it, e.g. 127.0.0.1:1999. */
  ROOM_HOST: z
    .string()
    .min(1, "ROOM_HOST must name the room's host (it was called PARTYKIT_HOST before PartyServer)"),
  GITHUB_ID: z.string().optional(),
  GITHUB_SECRET: z.string().optional(),
});

export type ServerEnv = z.infer<typeof schema>;

/**
 * A setting is missing or malformed. Its message names the setting, so it goes to the server's
 * log only; callers get a generic 500 (see route.ts).
 */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/**
 * The server's settings, validated where they are used (not at import, so `next build` needs
 * none). A missing or malformed one throws a ConfigError with a sentence naming it.
 */
export function env(): ServerEnv {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    throw new ConfigError(
      `Server misconfigured: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}. See .env.example.`,
    );
  }
  return parsed.data;
}

/** The room's base URL for server-to-server calls (plain http only for local hosts). */
export function partyUrl(): string {
  const host = env().ROOM_HOST;
  const local = /^(localhost|127\.|\[::1\]|0\.0\.0\.0)/.test(host);
  return `${local ? "http" : "https"}://${host}`;
}
