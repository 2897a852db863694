/**
 * Playwright fixtures: users and channels made straight in the test database (unique per test,
 * so tests run in parallel without sharing rows), and sign-in through NextAuth's own endpoints
 * instead of typing into the form in every test.
 */
import { hash } from "@node-rs/argon2";
import {
  type Browser,
  type BrowserContext,
  test as base,
  expect,
  type Page,
} from "@playwright/test";
import mysql from "mysql2/promise";

export type TestUser = { id: number; username: string; displayName: string; password: string };
export type TestChannel = { id: number; slug: string; name: string };

let pool: mysql.Pool | null = null;
/** The test database, shared by the fixtures of one worker. */
export function db(): mysql.Pool {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run the e2e tests through `npm test`");
  pool ??= mysql.createPool({ uri: url, connectionLimit: 4, charset: "utf8mb4_unicode_ci" });
  return pool;
}

let counter = 0;
export function unique(prefix: string): string {
  counter++;
  const worker = process.env.TEST_WORKER_INDEX ?? "0";
  return `${prefix}${Date.now().toString(36).slice(-6)}w${worker}n${counter}`.toLowerCase();
}

export async function createUser(
  options: { displayName?: string; role?: "member" | "moderator" | "admin" } = {},
): Promise<TestUser> {
  const username = unique("user");
  const password = `pw-${username}-secret`;
  const displayName = options.displayName ?? `Tester ${username.slice(-8)}`;
  const [result] = await db().execute<mysql.ResultSetHeader>(
    "INSERT INTO users (username, display_name, password_hash, role) VALUES (?, ?, ?, ?)",
    [username, displayName, await hash(password), options.role ?? "member"],
  );
  return { id: result.insertId, username, displayName, password };
}

export async function createChannel(): Promise<TestChannel> {
  const slug = unique("room");
  const [result] = await db().execute<mysql.ResultSetHeader>(
    "INSERT INTO channels (slug, name, topic) VALUES (?, ?, ?)",
    [slug, slug, `Topic of ${slug}`],
  );
  return { id: result.insertId, slug, name: slug };
}

/** Inserts messages directly (for history tests), oldest first; returns their ids. */
export async function seedMessages(
  channel: TestChannel,
  author: TestUser,
  bodies: string[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const body of bodies) {
    const [result] = await db().execute<mysql.ResultSetHeader>(
      "INSERT INTO messages (channel_id, author_id, client_id, body) VALUES (?, ?, UUID(), ?)",
      [channel.id, author.id, body],
    );
    ids.push(result.insertId);
  }
  return ids;
}

/** Signs a browser context in as `user` through NextAuth's csrf + credentials endpoints. */
export async function signIn(context: BrowserContext, user: TestUser): Promise<void> {
  const csrf = (await (await context.request.get("/api/auth/csrf")).json()) as {
    csrfToken: string;
  };
  const response = await context.request.post("/api/auth/callback/credentials", {
    form: {
      csrfToken: csrf.csrfToken,
      username: user.username,
      password: user.password,
      json: "true",
    },
  });
  expect(response.ok()).toBe(true);
  const cookies = await context.cookies();
  expect(cookies.some((c) => c.name.includes("next-auth.session-token"))).toBe(true);
}

/** A fresh browser context signed in as a new user, with a page open. */
export async function signedInPage(
  browser: Browser,
  options: { displayName?: string } = {},
): Promise<{ context: BrowserContext; page: Page; user: TestUser }> {
  const user = await createUser(options);
  const context = await browser.newContext();
  await signIn(context, user);
  const page = await context.newPage();
  return { context, page, user };
}

/** Fails the test if the page runs a dialog (alert/confirm/prompt): user text must never run. */
export function forbidDialogs(page: Page): void {
  page.on("dialog", async (dialog) => {
    await dialog.dismiss();
    throw new Error(`A dialog ran on the page: ${dialog.message()}`);
  });
}

export const test = base;
export { expect };
