/**
 * The one set of test factories: users, channels and messages made through the app's own named
 * queries (db/queries), for the integration tests, the Playwright fixtures and the fault suites.
 * Every call makes fresh rows with names no other test process uses, so tests never share rows
 * and can run in parallel against one database.
 *
 * Each runner has to resolve `server-only` (imported by db/) to tests/support/server-only-stub.ts:
 * vitest.config.ts aliases it, Playwright maps it through tests/e2e/tsconfig.json.
 */
import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { encryptSiteSecret, newPublicKey, newSiteSecret } from "@/app/_lib/support/site-secret";
import { ensureChannel, updateChannel } from "@/db/queries/channels";
import { insertMessages } from "@/db/queries/messages";
import { createSite } from "@/db/queries/sites";
import { createUser, type Restriction, setRestriction } from "@/db/queries/users";
import type { Channel, Role, Site, User } from "@/db/schema";
import type { ChatMessage } from "@/party/protocol";

/** A stored user, with the plain password it signs in with. */
export type TestUser = User & { password: string };
export type TestChannel = Channel;

// The process id, padded so the parts of a name cannot run into each other, tells apart
// concurrent processes (Playwright workers, vitest forks); the clock part tells apart a process
// that reuses an earlier one's id; the counter tells apart the names of one process.
const processTag = `${process.pid.toString(36).padStart(5, "0")}${Date.now().toString(36).slice(-4)}`;
let counter = 0;

/** A lowercase name unique to this process in the run, at most `max` characters: `prefix-<tag>`. */
export function unique(prefix: string, max = 32): string {
  counter++;
  const tag = `${processTag}${counter.toString(36)}`;
  const head =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, "-")
      .slice(0, Math.max(1, max - tag.length - 1)) || "x";
  return `${head}-${tag}`;
}

/** A fresh idempotency key, as a browser gives every message it sends. */
export const newClientId = (): string => randomUUID();

/**
 * A user who can sign in with `user.password` (an argon2 hash is stored, as sign-up stores it).
 * `label` starts the username, so a failing test's rows are easy to find.
 */
export async function makeUser(
  options: { label?: string; role?: Role; displayName?: string } = {},
): Promise<TestUser> {
  const label = options.label ?? "user";
  const username = unique(label);
  const password = `pw-${username}-secret`;
  const user = await createUser({
    username,
    // The whole unique name: two users of one test never share a display name, so an
    // assertion that finds one person's name cannot pass on the other's.
    displayName: options.displayName ?? `${label} ${username.slice(username.lastIndexOf("-") + 1)}`,
    role: options.role ?? "member",
    passwordHash: await hash(password),
  });
  if (!user) throw new Error(`Could not create test user ${username}: the name is taken`);
  return { ...user, password };
}

/** A channel anyone may post in, named by its slug unless `name` is given. */
export async function makeChannel(
  options: { label?: string; name?: string; topic?: string; readOnly?: boolean } = {},
): Promise<TestChannel> {
  const slug = unique(options.label ?? "room", 64);
  const channel = await ensureChannel({
    slug,
    name: options.name ?? slug,
    topic: options.topic ?? `Test channel ${slug}`,
  });
  if (!options.readOnly) return channel;
  await updateChannel({ id: channel.id, changes: { readOnly: true } });
  return { ...channel, readOnly: true };
}

/**
 * Stores messages by `author` in `channel` through the store query, oldest first, and returns
 * them as stored. One call per message, so their ids follow the order of `bodies`. `at` dates
 * them all in the past (e.g. yesterday's history); ids still follow the order of the calls.
 */
export async function makeMessages(args: {
  channel: Pick<TestChannel, "id">;
  author: Pick<TestUser, "id">;
  bodies: string[];
  at?: Date;
}): Promise<ChatMessage[]> {
  const stored: ChatMessage[] = [];
  for (const body of args.bodies) {
    const key = {
      authorId: args.author.id,
      clientId: newClientId(),
      body,
      ...(args.at && { createdAt: args.at }),
    };
    const [message] = await insertMessages({ channelId: args.channel.id, items: [key] });
    if (!message) throw new Error(`Message ${JSON.stringify(body)} was not stored`);
    stored.push(message);
  }
  return stored;
}

/** Bans or mutes a user, with no reason given, until `until` (an hour from now by default). */
export async function restrictUser(
  userId: number,
  kind: Restriction,
  until: Date = new Date(Date.now() + 3_600_000),
): Promise<void> {
  await setRestriction({ kind, userId, until, reason: null });
}

/** A site with the support widget, and its plain signing secret (for identity tokens). */
export type TestSite = Site & { secret: string };

/**
 * A site whose widget may be embedded from `origins` (by default a local page no test serves).
 * Its secret is sealed as the app stores it, so identity tokens signed with `site.secret` verify.
 */
export async function makeSite(
  options: { name?: string; origins?: string[]; requireVerified?: boolean; greeting?: string } = {},
): Promise<TestSite> {
  const publicKey = newPublicKey();
  const secret = newSiteSecret();
  const site = await createSite({
    publicKey,
    settings: {
      name: options.name ?? `Shop ${publicKey.slice(-6)}`,
      allowedOrigins: (options.origins ?? ["http://127.0.0.1:9"]).join("\n"),
      greeting: options.greeting ?? "",
      accentColor: "#2563eb",
      requireVerified: options.requireVerified ?? false,
    },
    secretCiphertext: encryptSiteSecret(secret, process.env.NEXTAUTH_SECRET ?? ""),
    createdBy: null,
  });
  return { ...site, secret };
}

/** The first page origin a site allows: what the loader names when it frames the chat page. */
export function siteOrigin(site: Pick<Site, "allowedOrigins">): string {
  return site.allowedOrigins.split("\n")[0] ?? "";
}

/** The visitor's chat page of a site, as the loader opens it from the site's first origin. */
export function widgetPath(site: Pick<Site, "publicKey" | "allowedOrigins">): string {
  return `/widget/${site.publicKey}?origin=${encodeURIComponent(siteOrigin(site))}`;
}
