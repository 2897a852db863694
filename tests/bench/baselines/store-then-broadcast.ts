/**
 * Baseline: the classic chat server. Each message is INSERTed into MySQL through mysql2, then
 * sent to every socket in its room. BENCH_MODE=serial (the classic design) handles each room's
 * messages one at a time in arrival order, so everyone sees them in id order; BENCH_MODE=
 * concurrent starts each INSERT as its frame arrives and broadcasts whichever finishes first,
 * which is faster but lets a later message overtake an earlier one (the bench counts that).
 *
 * Written as a competent developer would: a connection pool, prepared statements, the frame
 * serialised once per broadcast, the same unique key as the product so a retry cannot double a
 * row. Run as its own process: `node --import tsx tests/bench/baselines/store-then-broadcast.ts`.
 */
import mysql from "mysql2/promise";
import { BASELINE_TABLE } from "../bench-db";
import {
  type BaselineRoom,
  baselineEnv,
  broadcast,
  type IncomingSend,
  messageFrame,
  reject,
  startRoomServer,
} from "./room-server";

const env = baselineEnv();
const serial = env.mode !== "concurrent";
const pool = mysql.createPool({
  uri: env.databaseUrl,
  connectionLimit: 10,
  charset: "utf8mb4_unicode_ci",
  timezone: "Z",
  enableKeepAlive: true,
});

// Per room: its channel id (looked up once) and the tail of its one-at-a-time chain.
const channelIds = new Map<string, Promise<number | null>>();
const tails = new Map<BaselineRoom, Promise<void>>();

function channelIdOf(slug: string): Promise<number | null> {
  let id = channelIds.get(slug);
  if (!id) {
    id = pool
      .execute<mysql.RowDataPacket[]>("SELECT id FROM channels WHERE slug = ?", [slug])
      .then(([rows]) => (rows[0] ? Number(rows[0].id) : null));
    channelIds.set(slug, id);
  }
  return id;
}

async function storeAndBroadcast(message: IncomingSend): Promise<void> {
  try {
    const channelId = await channelIdOf(message.room.slug);
    if (channelId === null) return reject(message.socket, message.clientId, "invalid");
    // A retried clientId gets its first row's id back instead of a second row.
    const [result] = await pool.execute<mysql.ResultSetHeader>(
      `INSERT INTO ${BASELINE_TABLE} (channel_id, author_id, client_id, body) VALUES (?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)`,
      [channelId, message.user.id, message.clientId, message.body],
    );
    broadcast(
      message.room,
      messageFrame({
        id: result.insertId,
        channelId,
        clientId: message.clientId,
        body: message.body,
        user: message.user,
      }),
    );
  } catch {
    reject(message.socket, message.clientId, "unavailable");
  }
}

startRoomServer({
  port: env.port,
  secret: env.secret,
  onSend: (message) => {
    if (!serial) {
      void storeAndBroadcast(message);
      return;
    }
    const tail = (tails.get(message.room) ?? Promise.resolve()).then(() =>
      storeAndBroadcast(message),
    );
    tails.set(message.room, tail);
    // Forget a finished chain so that an idle room holds nothing.
    void tail.then(() => {
      if (tails.get(message.room) === tail) tails.delete(message.room);
    });
  },
});
