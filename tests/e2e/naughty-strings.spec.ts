import { readFileSync } from "node:fs";
import WebSocket from "ws";
import { signRoomToken } from "../../party/token";
import { makeUser, type TestUser } from "../support/factories";
import { sharedDataPath } from "../support/shared-data";
import type { ChannelView } from "./channel-view";
import { expect, forbidDialogs, test } from "./fixtures";
import { expectedMarkup, shownMarkup, unsafeMarkup } from "./message-markup";

const BLNS = sharedDataPath("naughty-strings/blns.json");

/**
 * The most hostile entries of the Big List of Naughty Strings: markup that would run if a page
 * ever rendered a message as HTML. Forty, spread over the list, so that after a reload the
 * server-rendered page (the newest 50) holds all of them. Entries with a carriage return are
 * left out: an HTML parser turns CR LF into LF in any text, so they cannot compare literally.
 */
function hostileSample(): string[] {
  const list = JSON.parse(readFileSync(BLNS, "utf8")) as string[];
  const hostile = list.filter(
    (s) =>
      /<script|<img|<svg|<iframe|onerror|onload|javascript:/i.test(s) &&
      !s.includes("\r") &&
      s.trim().length > 0,
  );
  const step = hostile.length / 40;
  return Array.from({ length: 40 }, (_, i) => hostile[Math.floor(i * step)] as string);
}

/** A room socket for `user`, with a token signed as the app would sign it. */
async function roomSocket(slug: string, user: TestUser): Promise<WebSocket> {
  const token = await signRoomToken({
    user: { id: user.id, name: user.displayName, image: null, role: "member" },
    channel: slug,
    secret: process.env.PARTY_SECRET as string,
  });
  const ws = new WebSocket(
    `ws://${process.env.E2E_PARTY_HOST}/parties/main/${slug}?token=${token}`,
    {
      headers: { origin: new URL(process.env.E2E_BASE_URL as string).origin },
    },
  );
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  return ws;
}

/** Sends one message and resolves when the room broadcasts it as stored. */
function storeThrough(ws: WebSocket, body: string): Promise<void> {
  const clientId = crypto.randomUUID();
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data)) as {
        type: string;
        clientId?: string;
        message?: { clientId: string };
        messages?: { clientId: string }[];
      };
      const stored = frame.message ? [frame.message] : (frame.messages ?? []);
      if (stored.some((m) => m.clientId === clientId)) {
        ws.off("message", onMessage);
        resolve();
      } else if (frame.type === "rejected" && frame.clientId === clientId) {
        reject(new Error(`the room refused ${JSON.stringify(body)}: ${JSON.stringify(frame)}`));
      }
    };
    ws.on("message", onMessage);
    ws.send(JSON.stringify({ type: "send", clientId, body }));
  });
}

test("the most hostile naughty strings show as text and never run", async ({
  users,
  chatChannel,
}) => {
  const sample = hostileSample();
  const alice = await users.signedIn({ displayName: "Alice Naughty" });
  const bob = await users.signedIn({ displayName: "Bob Naughty" });
  const dialogs: string[] = [];
  for (const { page } of [alice, bob]) {
    page.on("dialog", (d) => dialogs.push(d.message()));
    forbidDialogs(page);
  }
  await alice.view.open(chatChannel.slug);
  await bob.view.open(chatChannel.slug);
  await expect(bob.view.whoIsHere).toContainText("Alice Naughty");

  // Two through the composer, as a person would paste them...
  const box = alice.view.composer;
  for (const text of sample.slice(0, 2)) {
    await box.fill(text);
    await box.press("Enter");
    await expect(box).toHaveValue("");
  }
  await expect(bob.view.messages).toHaveCount(2);

  // ...and the rest straight through the room, one at a time so the order is known. The room
  // allows a burst of 5 per user, so they come from several authors' sockets in turn.
  const authors = await Promise.all(
    Array.from({ length: 8 }, (_, i) => makeUser({ displayName: `Sender ${i}` })),
  );
  const sockets = await Promise.all(authors.map((author) => roomSocket(chatChannel.slug, author)));
  try {
    for (const [i, body] of sample.slice(2).entries()) {
      await storeThrough(sockets[i % sockets.length] as WebSocket, body);
    }
  } finally {
    for (const socket of sockets) socket.close();
  }

  const check = async ({ view }: { view: ChannelView }) => {
    await expect(view.messages).toHaveCount(sample.length);
    const bodies = view.body(view.messages);
    // Each shown exactly as the Markdown renderer makes it (a leading ">" quotes, an entity is
    // its character): the markup in them stays characters, and nothing else was added.
    expect(await shownMarkup(bodies)).toEqual(await expectedMarkup(view.page, sample));
    // No element outside the subset, no handler, no script: link anywhere.
    expect(await unsafeMarkup(bodies)).toEqual([]);
    await expect(view.messageList.locator("script, img, svg, iframe")).toHaveCount(0);
  };
  await check(bob);
  await check(alice);
  // History rendered by the server, then hydrated.
  await bob.page.reload();
  await check(bob);
  expect(dialogs).toEqual([]);
});
