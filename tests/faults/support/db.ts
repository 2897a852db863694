/**
 * The fault tests' direct line to MySQL: rows made straight in the run's database (users with a
 * real argon2 hash so they can sign in, channels), and the ground truth each test compares the
 * clients with. It connects to the database itself, never through a test's proxy, so it still
 * answers while a test has cut the app off.
 */
import { hash } from "@node-rs/argon2";
import mysql from "mysql2/promise";

export type FaultUser = { id: number; username: string; displayName: string; password: string };
export type FaultChannel = { id: number; slug: string };
export type StoredRow = { id: number; authorId: number; clientId: string; body: string };

let pool: mysql.Pool | null = null;

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

export async function closeDb(): Promise<void> {
  await pool?.end();
  pool = null;
}

let counter = 0;
/** A name unique to this run and process, short enough for a username or a slug. */
export function unique(prefix: string): string {
  counter++;
  return `${prefix}${Date.now().toString(36).slice(-6)}p${process.pid.toString(36)}n${counter}`;
}

export async function createUser(label: string): Promise<FaultUser> {
  const username = unique(label.slice(0, 8));
  const password = `pw-${username}-secret`;
  const displayName = `${label} ${username.slice(-6)}`;
  const [result] = await db().execute<mysql.ResultSetHeader>(
    "INSERT INTO users (username, display_name, password_hash) VALUES (?, ?, ?)",
    [username, displayName, await hash(password)],
  );
  return { id: result.insertId, username, displayName, password };
}

export async function createChannel(label: string): Promise<FaultChannel> {
  const slug = unique(label.slice(0, 12)).toLowerCase();
  const [result] = await db().execute<mysql.ResultSetHeader>(
    "INSERT INTO channels (slug, name, topic) VALUES (?, ?, ?)",
    [slug, slug, `fault test: ${label}`],
  );
  return { id: result.insertId, slug };
}

/** Bans or mutes a user for an hour, in UTC as the app reads it. */
export async function restrict(userId: number, field: "banned_until" | "muted_until") {
  await db().execute(
    `UPDATE users SET ${field} = UTC_TIMESTAMP(3) + INTERVAL 1 HOUR WHERE id = ?`,
    [userId],
  );
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

/** clientId → the body's bytes as MySQL holds them (hex), to compare byte for byte. */
export async function storedBodyBytes(channelId: number): Promise<Map<string, string>> {
  const [rows] = await db().execute<mysql.RowDataPacket[]>(
    "SELECT client_id, HEX(body) AS hex FROM messages WHERE channel_id = ?",
    [channelId],
  );
  return new Map(rows.map((r) => [String(r.client_id), String(r.hex).toLowerCase()]));
}
