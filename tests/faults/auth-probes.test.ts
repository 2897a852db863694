/**
 * Everyone the room and the store route must turn away, probed against the real servers: a
 * socket without a token, with a forged, expired or other channel's token, or from another
 * site's page; server-to-server calls without the shared secret or with a wrong one; and the
 * frames of a user who is muted or banned after their socket opened.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { signRoomToken } from "@/party/token";
import { ChatBot } from "./support/chat-bot";
import { createChannel, createUser, restrict, storedRows } from "./support/db";
import { faultStackPerFile } from "./support/fault-stack";
import { expectConsistent, report, settle } from "./support/ledger";
import { isRefused, RawSocket } from "./support/raw-socket";
import { waitFor } from "./support/wait";

const stack = faultStackPerFile();

const probe = { id: 1, name: "Probe", image: null, role: "member" as const };

it("refuses sockets without a valid token for this channel, or from another site", async () => {
  const [channel, other] = await Promise.all([createChannel("probe"), createChannel("probe")]);
  const secret = stack().secrets.partySecret;
  const tokens = {
    forged: await signRoomToken({ user: probe, channel: channel.slug, secret: "f".repeat(48) }),
    expired: await signRoomToken({
      user: probe,
      channel: channel.slug,
      secret,
      now: Date.now() - 3_600_000,
      ttlSeconds: 60,
    }),
    otherChannel: await signRoomToken({ user: probe, channel: other.slug, secret }),
    valid: await signRoomToken({ user: probe, channel: channel.slug, secret }),
  };
  const attempt = async (token: string | null, origin: string | null = stack().appOrigin) => {
    const result = await RawSocket.open({
      partyHost: stack().partyHost,
      room: channel.slug,
      token,
      origin,
    });
    if (isRefused(result)) return result.status;
    result.close();
    return "opened";
  };
  const outcomes = {
    none: await attempt(null),
    garbage: await attempt("not.a.jwt"),
    forged: await attempt(tokens.forged),
    expired: await attempt(tokens.expired),
    otherChannel: await attempt(tokens.otherChannel),
    wrongOrigin: await attempt(tokens.valid, "https://evil.example"),
    nullOrigin: await attempt(tokens.valid, "null"),
    valid: await attempt(tokens.valid),
  };
  expect(outcomes).toEqual({
    none: 401,
    garbage: 401,
    forged: 401,
    expired: 401,
    otherChannel: 403,
    wrongOrigin: 403,
    nullOrigin: 403,
    valid: "opened",
  });
  report("auth-probes/handshake", tally0(), {
    probes: Object.keys(outcomes).length - 1,
    refused: Object.values(outcomes).filter((o) => o !== "opened").length,
  });
});

it("refuses server-to-server calls without the shared secret", async () => {
  const [channel, user] = await Promise.all([createChannel("secret"), createUser("secret")]);
  const batch = JSON.stringify({
    channel: channel.slug,
    messages: [{ authorId: user.id, clientId: randomUUID(), body: "forged store" }],
  });
  const store = (authorization?: string) =>
    fetch(`${stack().appUrl}/api/party/messages`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(authorization ? { authorization } : {}),
      },
      body: batch,
    }).then((r) => r.status);
  const command = (authorization?: string) =>
    fetch(`http://${stack().partyHost}/parties/main/${channel.slug}`, {
      method: "POST",
      headers: authorization ? { authorization } : {},
      body: JSON.stringify({ type: "kick", userId: user.id }),
    }).then((r) => r.status);
  const secret = stack().secrets.partySecret;
  expect({
    storeWithout: await store(),
    storeWrong: await store("Bearer not-the-secret"),
    storeBare: await store(secret),
    storePrefix: await store(`Bearer ${secret.slice(0, -1)}`),
    commandWithout: await command(),
    commandWrong: await command("Bearer not-the-secret"),
  }).toEqual({
    storeWithout: 401,
    storeWrong: 401,
    storeBare: 401,
    storePrefix: 401,
    commandWithout: 401,
    commandWrong: 401,
  });
  expect(await storedRows(channel.id)).toEqual([]);
  report("auth-probes/secret", tally0(), { probes: 6, refused: 6 });
});

it("refuses the frames of a user muted or banned after their socket opened", async () => {
  const channel = await createChannel("restricted");
  const bots = (await Promise.all(
    ["witness", "muted", "banned"].map(async (name) =>
      ChatBot.join(name, {
        appUrl: stack().appUrl,
        partyHost: stack().partyHost,
        channel,
        user: await createUser(name),
      }),
    ),
  )) as [ChatBot, ChatBot, ChatBot];
  const [witness, muted, banned] = bots;
  await waitFor("every bot to connect", () => bots.every((b) => b.status === "open"));
  // A valid room token minted before the ban: the room must still refuse what it sends.
  const bannedToken = await banned.fetchToken();

  await restrict(muted.user.id, "muted_until");
  await restrict(banned.user.id, "banned_until");
  const hello = witness.say("still here");
  const shh = [muted.say("can you hear me"), muted.say("hello?")];
  const spam = [banned.say("spam"), banned.say("more spam")];
  await waitFor("the restricted messages to be refused", () => {
    return muted.pending.every((p) => p.status === "failed") && banned.pending.length === 2;
  });
  await waitFor("the banned messages to be refused", () => {
    return banned.pending.every((p) => p.status === "failed");
  });
  for (const id of shh) expect(muted.reasonsFor(id)).toEqual(["muted"]);
  for (const id of spam) expect(banned.reasonsFor(id)).toEqual(["banned"]);

  // The same through a bare socket with the token from before the ban.
  const raw = await RawSocket.open({
    partyHost: stack().partyHost,
    room: channel.slug,
    token: bannedToken,
    origin: stack().appOrigin,
  });
  let rawRefused = 0;
  if (!isRefused(raw)) {
    const clientId = randomUUID();
    await raw.send(JSON.stringify({ type: "send", clientId, body: "raw spam" }));
    await waitFor("the raw frame to be refused", () => raw.rejected.length > 0);
    expect(raw.rejected).toEqual([{ clientId, reason: "banned" }]);
    rawRefused = 1;
    raw.close();
  }
  // And a banned user gets no new token, so their page stops reconnecting.
  await expect(banned.fetchToken()).rejects.toThrow();

  const rows = await settle(bots, channel.id, { allowFailed: true });
  expect(rows.map((r) => r.clientId)).toEqual([hello]);
  const t = expectConsistent(bots, rows);
  report("auth-probes/restricted", t, {
    refused: muted.rejections.length + banned.rejections.length + rawRefused,
  });
  for (const b of bots) b.stop();
});

/** Probes that store nothing have nothing to lose, double or reorder. */
function tally0() {
  return { sent: 0, stored: 0, delivered: 0, lost: 0, doubled: 0, reordered: 0, foreign: 0 };
}
