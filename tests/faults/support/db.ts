/**
 * The fault tests' direct line to MySQL: rows made through the shared factories
 * (tests/support/factories.ts), and the ground truth each test compares the clients with. Both
 * use the test process's own DATABASE_URL, never a test's proxy, so they still answer while a
 * test has cut the app off.
 */
import mysql from "mysql2/promise";
import { closeDb as closeAppPool } from "@/db";
import {
  makeChannel,
  makeUser,
  restrictUser,
  type TestChannel,
  type TestUser,
  unique as uniqueName,
} from "../../support/factories";

export type FaultUser = Pick<TestUser, "id" | "username" | "displayName" | "password">;
export type FaultChannel = Pick<TestChannel, "id" | "slug">;
export type StoredRow = { id: number; authorId: number; clientId: string; body: string };

// The ground truth is read with plain SQL on a pool of its own: what a test compares the app
// with must not go through the app's own queries.
let pool: mysql.Pool | null = null;

/** The run's database, set by tests/run.ts. */
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run the fault tests through `npm test`");
  return url;
}

function db(): mysql.Pool {
  pool ??= mysql.createPool({
    uri: databaseUrl(),
    connectionLimit: 4,
    charset: "utf8mb4_unicode_ci",
    timezone: "Z",
  });
  return pool;
}

/** Ends both pools (the factories' and the ground truth's), once a file's tests are done. */
export async function closeDb(): Promise<void> {
  await pool?.end();
  pool = null;
  await closeAppPool();
}

/** A name unique to this run and process, short enough for a username or a slug. */
export function unique(prefix: string): string {
  return uniqueName(prefix);
}

/** A user who can sign in (see makeUser), its username starting with `label`. */
export async function createUser(label: string): Promise<FaultUser> {
  const { id, username, displayName, password } = await makeUser({ label: label.slice(0, 8) });
  return { id, username, displayName, password };
}

/** A channel whose slug starts with `label`. */
export async function createChannel(label: string): Promise<FaultChannel> {
  const { id, slug } = await makeChannel({
    label: label.slice(0, 12),
    topic: `fault test: ${label}`,
  });
  return { id, slug };
}

/** Bans or mutes a user for an hour. */
export async function restrict(userId: number, field: "banned_until" | "muted_until") {
  await restrictUser(userId, field === "banned_until" ? "ban" : "mute");
}

/** The channel as MySQL holds it: visible messages in id order, as every client should. */
export async function storedRows(channelId: number): Promise<StoredRow[]> {
  const [rows] = await db().execute<mysql.RowDataPacket[]>(
    "SELECT id, author_id, client_id, body FROM messages WHERE channel_id = ? AND deleted_at IS NULL ORDER BY id",
    [channelId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    authorId: Number(r.author_id),
    clientId: String(r.client_id),
    body: String(r.body),
  }));
}

/** clientId → the id of the message it replies to (null for none), for a channel's messages. */
export async function storedReplyTo(channelId: number): Promise<Map<string, number | null>> {
  const [rows] = await db().execute<mysql.RowDataPacket[]>(
    "SELECT client_id, reply_to_id FROM messages WHERE channel_id = ?",
    [channelId],
  );
  return new Map(
    rows.map((r) => [String(r.client_id), r.reply_to_id === null ? null : Number(r.reply_to_id)]),
  );
}

/** clientId → the body's bytes as MySQL holds them (hex), to compare byte for byte. */
export async function storedBodyBytes(channelId: number): Promise<Map<string, string>> {
  const [rows] = await db().execute<mysql.RowDataPacket[]>(
    "SELECT client_id, HEX(body) AS hex FROM messages WHERE channel_id = ?",
    [channelId],
  );
  return new Map(rows.map((r) => [String(r.client_id), String(r.hex).toLowerCase()]));
}
