/**
 * History at scale: a channel of 10,000 messages beside one of 1,000,000 (or --rows), both in
 * the same table, timed in alternation so that machine noise falls on both alike. Timed:
 * the SQL behind a channel page (listMessages: newest 50, and 50 from 99% of the way back) run
 * straight through mysql2, and GET /c/<slug> signed in: time to first byte and to the last.
 *
 * The channel page streams (it has a loading.tsx), so its first byte leaves before the history
 * query runs; the whole-page time is the one that contains the query.
 */
import { hash } from "@node-rs/argon2";
import type mysql from "mysql2/promise";
import type { BenchDb, BenchUser } from "./bench-db";
import type { HistoryResult, HistoryTimes } from "./results";

const PAGE = 50;
const SEED_CHUNK = 5_000;

// The same statement listMessages builds (db/queries/messages.ts): visible messages of one
// channel joined to their authors, newest first, one more than a page to learn hasMore. (It is
// a LEFT JOIN so that MariaDB must walk (channel_id, id); see listMessages.)
const NEWEST_SQL = `SELECT m.id, m.channel_id, m.client_id, m.body, m.created_at, m.edited_at,
    u.id AS author_id, u.display_name, u.image, u.role
  FROM messages m LEFT JOIN users u ON u.id = m.author_id
  WHERE m.channel_id = ? AND m.deleted_at IS NULL
  ORDER BY m.id DESC LIMIT ${PAGE + 1}`;
const BEFORE_SQL = NEWEST_SQL.replace("m.deleted_at IS NULL", "m.deleted_at IS NULL AND m.id < ?");

/** Bulk-inserts `count` messages, SEED_CHUNK rows a statement, two statements in flight. */
async function seed(db: BenchDb, channelId: number, authors: BenchUser[], count: number) {
  const prefix = channelId.toString(16).padStart(8, "0");
  const start = Date.now() - count * 1_000;
  let next = 0;
  const chunk = async (): Promise<void> => {
    while (next < count) {
      const from = next;
      const to = Math.min(count, from + SEED_CHUNK);
      next = to;
      const rows: (string | number | Date)[][] = [];
      for (let i = from; i < to; i++) {
        const author = authors[i % authors.length];
        if (!author) throw new Error("history needs authors");
        rows.push([
          channelId,
          author.id,
          // Ordered ids keep the unique (author_id, client_id) index append-only while seeding.
          `${prefix}-0000-4000-8000-${i.toString(16).padStart(12, "0")}`,
          `history line ${i}: ${"lorem ipsum dolor sit amet ".repeat(1 + (i % 4))}`,
          new Date(start + i * 1_000),
        ]);
      }
      await db.pool.query(
        "INSERT INTO messages (channel_id, author_id, client_id, body, created_at) VALUES ?",
        [rows],
      );
    }
  };
  await Promise.all([chunk(), chunk()]);
}

/** A signed-in cookie jar: NextAuth's own csrf + credentials endpoints, as a browser uses them. */
async function signIn(appUrl: string, username: string, password: string): Promise<string> {
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  };
  const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken?: unknown };
  if (typeof csrfToken !== "string") throw new Error("NextAuth gave no csrf token");
  const response = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }).toString(),
  });
  keep(response);
  if (![...cookies.keys()].some((k) => k.endsWith("session-token"))) {
    throw new Error(`sign-in failed (${response.status})`);
  }
  return header();
}

async function timeQuery(pool: mysql.Pool, sql: string, params: number[]): Promise<number> {
  const started = performance.now();
  await pool.execute(sql, params);
  return performance.now() - started;
}

async function timePage(url: string, cookie: string): Promise<{ ttfb: number; total: number }> {
  const started = performance.now();
  const response = await fetch(url, {
    headers: { cookie },
    redirect: "manual",
    signal: AbortSignal.timeout(20_000),
  });
  const ttfb = performance.now() - started;
  const html = await response.text();
  if (response.status !== 200 || !html.includes("Messages")) {
    throw new Error(`GET ${url}: ${response.status}, not a channel page`);
  }
  return { ttfb, total: performance.now() - started };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export async function measureHistory(args: {
  db: BenchDb;
  appUrl: string;
  small: number;
  large: number;
  tag: string;
  authors: BenchUser[];
  queryRounds: number;
  pageRounds: number;
  /** Time for the query rounds (the page rounds get half as much again). */
  budgetMs: number;
  log: (line: string) => void;
}): Promise<HistoryResult> {
  const { db, log } = args;
  const password = `bench-${args.tag}-password`;
  const [viewer] = await db.createUsers(`${args.tag}v`, 1, await hash(password));
  if (!viewer) throw new Error("could not create the history viewer");
  const channels = {
    small: { slug: `${args.tag}-hist-small`, rows: args.small, id: 0, deep: 0 },
    large: { slug: `${args.tag}-hist-large`, rows: args.large, id: 0, deep: 0 },
  };
  const seedStarted = performance.now();
  for (const c of Object.values(channels)) {
    c.id = await db.createChannel(c.slug);
    await seed(db, c.id, args.authors, c.rows);
    log(`history: seeded ${c.rows.toLocaleString("en")} messages into #${c.slug}`);
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  // Statistics as a long-running server would have them after the bulk load.
  await db.pool.query("ANALYZE TABLE messages");
  for (const c of Object.values(channels)) {
    const [rows] = await db.pool.query<mysql.RowDataPacket[]>(
      "SELECT id FROM messages WHERE channel_id = ? ORDER BY id LIMIT 1 OFFSET ?",
      [c.id, Math.floor(c.rows * 0.01)],
    );
    c.deep = Number(rows[0]?.id ?? 0);
  }

  const explain: string[] = [];
  for (const [label, sql, params] of [
    ["newest", NEWEST_SQL, [channels.large.id]],
    ["deep", BEFORE_SQL, [channels.large.id, channels.large.deep]],
  ] as const) {
    const [plan] = await db.pool.query<mysql.RowDataPacket[]>(`EXPLAIN ${sql}`, [...params]);
    for (const p of plan) {
      explain.push(
        `${label}: table ${p.table} type ${p.type} key ${p.key} rows ${p.rows} ${p.Extra ?? ""}`.trim(),
      );
    }
  }

  const cookie = await signIn(args.appUrl, viewer.username, password);
  const times = { small: newTimes(), large: newTimes() };
  const page = (c: { slug: string }) => `${args.appUrl}/c/${c.slug}`;
  // Warm up: the first render of a route and the first reads of cold pages are not the claim.
  for (let i = 0; i < 5; i++) {
    for (const c of Object.values(channels)) {
      await timePage(page(c), cookie);
      await timeQuery(db.pool, NEWEST_SQL, [c.id]);
      await timeQuery(db.pool, BEFORE_SQL, [c.id, c.deep]);
    }
  }
  // Alternate which channel goes first, so that whatever the first of a pair pays (or the
  // second saves) falls on both alike.
  const order = (i: number) =>
    i % 2 === 0 ? (["small", "large"] as const) : (["large", "small"] as const);
  // Bounded in time as well as in rounds: a query that goes wrong at scale (a bad plan) must
  // show as slow, not hold the whole bench up.
  const deadline = performance.now() + args.budgetMs;
  for (let i = 0; i < args.queryRounds && performance.now() < deadline; i++) {
    for (const key of order(i)) {
      const c = channels[key];
      times[key].newest.push(await timeQuery(db.pool, NEWEST_SQL, [c.id]));
      times[key].deep.push(await timeQuery(db.pool, BEFORE_SQL, [c.id, c.deep]));
    }
  }
  for (let i = 0; i < args.pageRounds && performance.now() < deadline + args.budgetMs / 2; i++) {
    for (const key of order(i)) {
      const t = await timePage(page(channels[key]), cookie);
      times[key].ttfb.push(t.ttfb);
      times[key].total.push(t.total);
    }
  }

  const summary = (t: ReturnType<typeof newTimes>): HistoryTimes => ({
    newest_query_ms: round(median(t.newest)),
    deep_query_ms: round(median(t.deep)),
    page_ttfb_ms: round(median(t.ttfb)),
    page_total_ms: round(median(t.total)),
  });
  const small = summary(times.small);
  const large = summary(times.large);
  const ratio = (k: keyof HistoryTimes) => round(large[k] / small[k], 100);
  const ratios = {
    newest_query: ratio("newest_query_ms"),
    deep_query: ratio("deep_query_ms"),
    page_ttfb: ratio("page_ttfb_ms"),
    page_total: ratio("page_total_ms"),
  };
  return {
    rows_small: args.small,
    rows_large: args.large,
    small,
    large,
    ratios,
    ratio_1m_10k: Math.max(ratios.newest_query, ratios.deep_query, ratios.page_ttfb),
    explain,
    seed_rows_per_s: Math.round((args.small + args.large) / seedSeconds),
  };
}

function newTimes() {
  return {
    newest: [] as number[],
    deep: [] as number[],
    ttfb: [] as number[],
    total: [] as number[],
  };
}

const round = (n: number, scale = 1000) => Math.round(n * scale) / scale;
