/**
 * Attacks on mentions: the candidates route read without a session, with a banned one or for a
 * closed channel; reading another person's mentions; a member's forged `@here` sent straight
 * to the room.
 */
import { request as playwrightRequest } from "@playwright/test";
import { inArray } from "drizzle-orm";
import { getDb } from "@/db";
import { updateChannel } from "@/db/queries/channels";
import { messageMentions } from "@/db/schema";
import { signRoomToken } from "../../party/token";
import { expect, test } from "../e2e/fixtures";
import { RawSocket } from "../faults/support/raw-socket";
import { waitFor } from "../faults/support/wait";
import {
  makeChannel,
  makeUser,
  newClientId,
  restrictUser,
  type TestUser,
} from "../support/factories";

const partyHost = () => {
  const host = process.env.E2E_PARTY_HOST;
  if (!host)
    throw new Error("E2E_PARTY_HOST is not set: run the security tests through `npm test`");
  return host;
};
const appOrigin = () => new URL(process.env.E2E_BASE_URL as string).origin;
const candidatesPath = (slug: string, q: string) =>
  `/api/channels/${slug}/mention-candidates?q=${encodeURIComponent(q)}`;

/** Sends bodies as `user` straight to the room, as a hand-made client would; returns stored ids. */
async function sendRaw(user: TestUser, slug: string, bodies: string[]): Promise<number[]> {
  const token = await signRoomToken({
    user: { id: user.id, name: user.displayName, image: null, role: user.role },
    channel: slug,
    secret: process.env.PARTY_SECRET as string,
  });
  const socket = await RawSocket.open({
    partyHost: partyHost(),
    room: slug,
    token,
    origin: appOrigin(),
  });
  if (!(socket instanceof RawSocket)) throw new Error(`refused: ${socket.status}`);
  try {
    const ids = bodies.map(() => newClientId());
    for (const [i, body] of bodies.entries()) {
      await socket.send(JSON.stringify({ type: "send", clientId: ids[i], body }));
    }
    await waitFor("every message stored", () =>
      ids.every((id) => socket.stored.some((m) => m.clientId === id)),
    );
    return ids.map((id) => socket.stored.find((m) => m.clientId === id)?.id ?? 0);
  } finally {
    socket.close();
  }
}

async function mentionRows(messageIds: number[]) {
  return getDb()
    .select({ messageId: messageMentions.messageId, userId: messageMentions.userId })
    .from(messageMentions)
    .where(inArray(messageMentions.messageId, messageIds));
}

test("the candidates route answers signed-in, unbanned people about open channels only", async ({
  users,
  chatChannel,
  baseURL,
}) => {
  const member = await users.signedIn({ label: "asker" });
  const moderator = await users.signedIn({ label: "asker-mod", role: "moderator" });
  const target = await makeUser({ label: "findme" });
  const prefix = target.username.slice(0, -1);

  const visitor = await playwrightRequest.newContext({ baseURL });
  try {
    expect((await visitor.get(candidatesPath(chatChannel.slug, prefix))).status()).toBe(401);
    expect((await visitor.get(`/api/mention-names?names=${target.username}`)).status()).toBe(401);
  } finally {
    await visitor.dispose();
  }

  const answer = await member.context.request.get(candidatesPath(chatChannel.slug, prefix));
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toEqual({
    candidates: [{ username: target.username, displayName: target.displayName }],
    here: false,
  });
  // The asker is never offered to themselves; staff are told they may use @here.
  const own = await member.context.request.get(
    candidatesPath(chatChannel.slug, member.user.username),
  );
  expect((await own.json()).candidates).toEqual([]);
  const staff = await moderator.context.request.get(candidatesPath(chatChannel.slug, prefix));
  expect((await staff.json()).here).toBe(true);

  // Which @names are people: only well-formed names, at most 50 at once.
  const names = await member.context.request.get(
    `/api/mention-names?names=${target.username},nobody-zq9`,
  );
  expect(await names.json()).toEqual({ known: [target.username.toLowerCase()] });
  for (const bad of [
    "",
    "a%25",
    "x,y",
    Array.from({ length: 51 }, (_, i) => `user${i}`).join(","),
  ]) {
    expect((await member.context.request.get(`/api/mention-names?names=${bad}`)).status()).toBe(
      400,
    );
  }

  // LIKE's wildcards match only themselves.
  const wild = await member.context.request.get(candidatesPath(chatChannel.slug, "%"));
  expect((await wild.json()).candidates).toEqual([]);
  expect(
    (await member.context.request.get(candidatesPath(chatChannel.slug, "x".repeat(33)))).status(),
  ).toBe(400);
  expect(
    (await member.context.request.get(candidatesPath("no-such-channel-here", prefix))).status(),
  ).toBe(404);
  const archived = await makeChannel();
  await updateChannel({ id: archived.id, changes: { archivedAt: new Date() } });
  expect((await member.context.request.get(candidatesPath(archived.slug, prefix))).status()).toBe(
    404,
  );

  // A banned person is never offered, and a banned cookie reads nothing.
  const banned = await makeUser({ label: "findme-banned" });
  await restrictUser(banned.id, "ban");
  const list = await member.context.request.get(candidatesPath(chatChannel.slug, banned.username));
  expect((await list.json()).candidates).toEqual([]);
  await restrictUser(member.user.id, "ban");
  expect(
    (await member.context.request.get(candidatesPath(chatChannel.slug, prefix))).status(),
  ).toBe(403);
  expect((await member.context.request.get(`/api/mention-names?names=${prefix}`)).status()).toBe(
    403,
  );
});

test("a member's @here sent straight to the room mentions nobody; a moderator's reaches people online", async ({
  chatChannel,
}) => {
  const [member, moderator, named] = await Promise.all([
    makeUser({ label: "forger" }),
    makeUser({ label: "herald", role: "moderator" }),
    makeUser({ label: "named" }),
  ]);
  const [forged, honest] = await sendRaw(member, chatChannel.slug, [
    "@here everyone look at this",
    `@${named.username} look`,
  ]);
  expect(await mentionRows([forged ?? 0])).toEqual([]);
  expect(await mentionRows([honest ?? 0])).toEqual([{ messageId: honest, userId: named.id }]);

  // The room token says "moderator" for the member too: the store reads the role from MySQL.
  const [claimed] = await sendRaw({ ...member, role: "moderator" }, chatChannel.slug, [
    "@here claimed to be staff",
  ]);
  expect(await mentionRows([claimed ?? 0])).toEqual([]);

  const [fromStaff] = await sendRaw(moderator, chatChannel.slug, ["@here real news"]);
  // Who is online depends on other tests' pages; the author never mentions themselves.
  const reached = await mentionRows([fromStaff ?? 0]);
  expect(reached.some((r) => r.userId === moderator.id)).toBe(false);
});

test("the Mentions page shows only the signed-in person's own mentions", async ({
  users,
  chatChannel,
}) => {
  const bob = await users.signedIn({ label: "bob" });
  const carol = await users.signedIn({ label: "carol" });
  const alice = await makeUser({ label: "alice" });
  const [id] = await sendRaw(alice, chatChannel.slug, [`@${bob.user.username} the secret plan`]);
  await bob.page.goto("/mentions");
  await expect(bob.page.getByRole("list", { name: "Your mentions" })).toContainText(
    "the secret plan",
  );
  for (const path of ["/mentions", `/mentions?before=${(id ?? 0) + 1}`, "/mentions?before=abc"]) {
    await carol.page.goto(path);
    await expect(carol.page.getByText("Nobody has mentioned you yet.")).toBeVisible();
    await expect(carol.page.locator("main")).not.toContainText("the secret plan");
  }
});
