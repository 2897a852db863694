/**
 * A person's own room dies with the rest of the room runtime (SIGKILL of workerd) while someone
 * keeps posting in a channel they are not reading. Events sent while it is down are lost; the
 * page's client recounts from MySQL when it reconnects, so its counts must end equal to MySQL's,
 * neither short nor doubled.
 */
import mysql from "mysql2/promise";
import { expect, it } from "vitest";
import WebSocket from "ws";
import { initialUnread, type UnreadState, unreadReducer } from "@/components/chat/unread-counts";
import { UserRoomClient } from "@/components/chat/user-room-client";
import { joinAll } from "./support/chat-bot";
import { createChannel, createUser, databaseUrl } from "./support/db";
import { faultStackPerFile } from "./support/fault-stack";
import { Session } from "./support/session";
import { waitFor } from "./support/wait";

const stack = faultStackPerFile();

function socketClassWithOrigin(origin: string) {
  return class OriginWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { origin } });
    }
  };
}

/** MySQL's unread count for a reader who never opened the channel: others' visible messages after their baseline. */
async function truth(channelId: number, readerId: number): Promise<number> {
  const conn = await mysql.createConnection({ uri: databaseUrl() });
  try {
    const [rows] = (await conn.query(
      `SELECT COUNT(*) AS n FROM messages m JOIN users u ON u.id = ?
       WHERE m.channel_id = ? AND m.id > u.read_baseline_id AND m.deleted_at IS NULL
         AND m.author_id <> ?`,
      [readerId, channelId, readerId],
    )) as unknown as [{ n: number | string }[]];
    return Number(rows[0]?.n ?? 0);
  } finally {
    await conn.end();
  }
}

it("counts equal MySQL's after the person's room restarts while messages flow", async () => {
  const channel = await createChannel("userroom");
  const [writer, reader] = await Promise.all([createUser("writer"), createUser("reader")]);
  const [bot] = await joinAll(stack(), channel, [writer]);
  if (!bot) throw new Error("no bot");
  const session = await Session.signIn(stack().appUrl, reader.username, reader.password);
  const client = new UserRoomClient({
    partyHost: stack().partyHost,
    userId: reader.id,
    fetch: (path, init) => session.fetch(path, init),
    WebSocket: socketClassWithOrigin(stack().appOrigin),
    maxReconnectionDelay: 2_000,
  });
  let counts: UnreadState = initialUnread([]);
  let recounts = 0;
  client.onCounts((answer) => {
    recounts++;
    counts = unreadReducer(counts, { type: "replace", channels: answer.channels });
  });
  client.onEvent((event) => {
    counts = unreadReducer(counts, { type: "event", event, viewing: null });
  });
  client.start();
  await waitFor("the reader's room to open and count", () => recounts >= 1);

  const unread = () => counts[channel.slug]?.unread ?? -1;
  const keys: string[] = [];
  const say = async (n: number) => {
    for (let i = 0; i < n; i++) {
      keys.push(bot.say(`flow ${keys.length}`));
      // One at a time, so that many batches (and many events) flow.
      const key = keys[keys.length - 1] as string;
      await waitFor("a message to be stored", () => bot.acked.has(key));
    }
  };
  await say(5);
  await waitFor("live counts to follow", () => unread() === 5, {
    explain: () => `unread=${unread()}`,
  });

  const talking = say(20);
  await waitFor("some messages on their way", () => keys.length >= 10);
  await stack().restartRoom();
  await talking;
  await waitFor("the reader's room to reconnect", () => client.opens >= 2);

  const expected = await truth(channel.id, reader.id);
  expect(expected).toBe(25);
  await waitFor("the reader's counts to equal MySQL's", () => unread() === expected, {
    explain: () => `unread=${unread()} expected=${expected} opens=${client.opens}`,
  });
  // And a fresh count agrees with what the reader holds: nothing doubled on the way.
  const again = await client.recount();
  expect(again?.channels.find((c) => c.channel === channel.slug)?.unread).toBe(expected);
  client.stop();
  bot.stop();
});
