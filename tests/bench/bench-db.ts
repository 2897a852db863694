/**
 * The bench's own line to MySQL: rows made straight in the run's database (users, channels, the
 * classic baseline's table) and the ground truth each step is checked against.
 */
import mysql from "mysql2/promise";

/** Where the store-then-broadcast baseline writes: the product's message columns and indexes. */
export const BASELINE_TABLE = "bench_classic_messages";

export type BenchUser = { id: number; username: string; name: string };

export type StoredCount = {
  /** Rows stored for the channel so far. */
  total: number;
  /** Rows whose created_at falls inside the send window. */
  inWindow: number;
  /** Distinct created_at values: one per INSERT statement, so the number of store batches. */
  batches: number;
};

export type DbCounters = { queries: number; rowsRead: number };

export class BenchDb {
  readonly pool: mysql.Pool;

  constructor(readonly url: string) {
    this.pool = mysql.createPool({
      uri: url,
      connectionLimit: 4,
      charset: "utf8mb4_unicode_ci",
      timezone: "Z",
      supportBigNumbers: true,
      // Seeding sends multi-row statements of a few MB.
      multipleStatements: false,
    });
  }

  /** Same columns and indexes as `messages`, so an INSERT costs the classic server what it costs us. */
  async createBaselineTable(): Promise<void> {
    await this.pool.query(`DROP TABLE IF EXISTS ${BASELINE_TABLE}`);
    await this.pool.query(`CREATE TABLE ${BASELINE_TABLE} (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      channel_id INT UNSIGNED NOT NULL,
      author_id BIGINT UNSIGNED NOT NULL,
      client_id CHAR(36) NOT NULL,
      body TEXT NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      KEY bench_channel_id (channel_id, id),
      UNIQUE KEY bench_author_client (author_id, client_id),
      KEY bench_author_channel (author_id, channel_id, id)
    ) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  /** Inserts `count` users named <prefix>N in one statement; a password hash only when given. */
  async createUsers(prefix: string, count: number, passwordHash?: string): Promise<BenchUser[]> {
    const users: BenchUser[] = [];
    for (let from = 0; from < count; from += 5_000) {
      const rows: (string | null)[][] = [];
      for (let i = from; i < Math.min(count, from + 5_000); i++) {
        rows.push([`${prefix}${i}`, `bench ${prefix}${i}`, passwordHash ?? null]);
      }
      await this.pool.query("INSERT INTO users (username, display_name, password_hash) VALUES ?", [
        rows,
      ]);
    }
    const [found] = await this.pool.query<mysql.RowDataPacket[]>(
      "SELECT id, username, display_name FROM users WHERE username LIKE ? ORDER BY id",
      [`${prefix}%`],
    );
    for (const r of found) {
      users.push({ id: Number(r.id), username: String(r.username), name: String(r.display_name) });
    }
    return users;
  }

  async createChannel(slug: string): Promise<number> {
    const [result] = await this.pool.execute<mysql.ResultSetHeader>(
      "INSERT INTO channels (slug, name, topic) VALUES (?, ?, ?)",
      [slug, slug, "benchmark"],
    );
    return result.insertId;
  }

  /** What a system stored for one channel, and how much of it inside [fromMs, toMs] (epoch ms). */
  async stored(
    table: string,
    channelId: number,
    fromMs: number,
    toMs: number,
  ): Promise<StoredCount> {
    const [rows] = await this.pool.query<mysql.RowDataPacket[]>(
      `SELECT COUNT(*) AS total,
              COALESCE(SUM(created_at BETWEEN FROM_UNIXTIME(?) AND FROM_UNIXTIME(?)), 0) AS inWindow,
              COUNT(DISTINCT created_at) AS batches
         FROM ${table} WHERE channel_id = ?`,
      [fromMs / 1000, toMs / 1000, channelId],
    );
    const row = rows[0];
    return {
      total: Number(row?.total ?? 0),
      inWindow: Number(row?.inWindow ?? 0),
      batches: Number(row?.batches ?? 0),
    };
  }

  /**
   * Server-wide counters whose difference over a step says where MySQL's time went: statements,
   * and rows the storage engine handed over (the Handler_read_* family, which MariaDB and MySQL
   * both keep; MariaDB has no Innodb_rows_read).
   */
  async counters(): Promise<DbCounters> {
    const [rows] = await this.pool.query<mysql.RowDataPacket[]>(
      "SHOW GLOBAL STATUS WHERE Variable_name = 'Questions' OR Variable_name LIKE 'Handler_read%'",
    );
    let rowsRead = 0;
    let queries = 0;
    for (const r of rows) {
      if (r.Variable_name === "Questions") queries = Number(r.Value);
      else rowsRead += Number(r.Value);
    }
    return { queries, rowsRead };
  }

  /** slug → channel id, for the channels (conversations) that exist among `slugs`. */
  async channelIdsBySlug(slugs: string[]): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    for (let from = 0; from < slugs.length; from += 1_000) {
      const [rows] = await this.pool.query<mysql.RowDataPacket[]>(
        "SELECT id, slug FROM channels WHERE slug IN (?)",
        [slugs.slice(from, from + 1_000)],
      );
      for (const r of rows) ids.set(String(r.slug), Number(r.id));
    }
    return ids;
  }

  /** clientId → how many rows of `channelIds` carry it, for the clientIds among `clientIds`. */
  async storedCopies(channelIds: number[], clientIds: string[]): Promise<Map<string, number>> {
    const copies = new Map<string, number>();
    if (channelIds.length === 0) return copies;
    for (let from = 0; from < clientIds.length; from += 1_000) {
      const [rows] = await this.pool.query<mysql.RowDataPacket[]>(
        `SELECT client_id, COUNT(*) AS n FROM messages
          WHERE channel_id IN (?) AND client_id IN (?) GROUP BY client_id`,
        [channelIds, clientIds.slice(from, from + 1_000)],
      );
      for (const r of rows) copies.set(String(r.client_id), Number(r.n));
    }
    return copies;
  }

  async version(): Promise<string> {
    const [rows] = await this.pool.query<mysql.RowDataPacket[]>("SELECT VERSION() AS v");
    return String(rows[0]?.v ?? "unknown");
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
