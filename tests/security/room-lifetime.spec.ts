/**
 * Attacks on how long a room socket lives and who may reopen one: a socket outliving its token,
 * a kicked user's older token, a socket that keeps sending junk, and keys used for the wrong job.
 */
import { SignJWT } from "jose";
import WebSocket from "ws";
import { base64url, bearerHeader, roomKeys } from "../../party/keys";
import { signRoomToken } from "../../party/token";
import { expect, test } from "../e2e/fixtures";
import { makeChannel, makeUser } from "../support/factories";

const partyHost = () => {
  const host = process.env.E2E_PARTY_HOST;
  if (!host)
    throw new Error("E2E_PARTY_HOST is not set: run the security tests through `npm test`");
  return host;
};
const appOrigin = () => new URL(process.env.E2E_BASE_URL as string).origin;
const secret = () => process.env.PARTY_SECRET as string;

type Outcome =
  | { opened: false; status: number }
  | { opened: true; socket: WebSocket; closed: Promise<{ code: number; at: number }> };

/** Opens a socket to a room as the site's page would (its Origin), reporting how it ends. */
function open(room: string, token: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(
      `ws://${partyHost()}/parties/main/${room}?token=${encodeURIComponent(token)}`,
      { headers: { origin: appOrigin() } },
    );
    const closed = new Promise<{ code: number; at: number }>((done) => {
      socket.on("close", (code) => done({ code, at: Date.now() }));
    });
    // The room's close frame puts the socket in CLOSING; ws then waits for the server to end
    // the TCP connection, which under `wrangler dev` can take many seconds. Ending it ourselves
    // reports the room's close code at once.
    const watch = setInterval(() => {
      if (socket.readyState === WebSocket.CLOSING) socket.terminate();
      if (socket.readyState === WebSocket.CLOSED) clearInterval(watch);
    }, 25);
    socket.on("unexpected-response", (_req, res) => {
      resolve({ opened: false, status: res.statusCode ?? 0 });
      socket.terminate();
    });
    socket.once("open", () => resolve({ opened: true, socket, closed }));
    socket.once("error", reject);
  });
}

const probe = (id: number) => ({ id, name: "Probe", image: null, role: "member" as const });

async function command(room: string, body: unknown, authorization?: string) {
  return fetch(`http://${partyHost()}/parties/main/${room}`, {
    method: "POST",
    headers: authorization ? { authorization } : {},
    body: JSON.stringify(body),
  });
}

test.describe("a room socket lives no longer than its token", () => {
  test("an idle socket is closed with 4001 once its token expires", async () => {
    const [channel, user] = await Promise.all([makeChannel(), makeUser()]);
    const token = await signRoomToken({
      user: probe(user.id),
      channel: channel.slug,
      secret: secret(),
      ttlSeconds: 3,
    });
    const expiresAt = (Math.floor(Date.now() / 1000) + 3) * 1000;
    const result = await open(channel.slug, token);
    expect(result.opened).toBe(true);
    if (!result.opened) return;
    // The room's sweep runs at the end of the token's 5-second expiry slot.
    const closed = await Promise.race([
      result.closed,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 15_000)),
    ]);
    expect(closed?.code).toBe(4001);
    expect(closed?.at ?? 0).toBeGreaterThanOrEqual(expiresAt);
    // Within one expiry slot (5 s) of its expiry, plus a little for the runtime's alarm.
    expect(closed?.at ?? Number.POSITIVE_INFINITY).toBeLessThan(expiresAt + 5_000 + 3_000);
  });

  test("a socket that sends after its token expired is closed with 4001 and nothing is stored", async () => {
    const [channel, user] = await Promise.all([makeChannel(), makeUser()]);
    const token = await signRoomToken({
      user: probe(user.id),
      channel: channel.slug,
      secret: secret(),
      ttlSeconds: 2,
    });
    const result = await open(channel.slug, token);
    if (!result.opened) throw new Error(`refused: ${result.status}`);
    const frames: string[] = [];
    result.socket.on("message", (data) => frames.push(String(data)));
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    result.socket.send(
      JSON.stringify({ type: "send", clientId: crypto.randomUUID(), body: "after expiry" }),
    );
    expect((await result.closed).code).toBe(4001);
    expect(frames.filter((f) => f.includes("after expiry"))).toEqual([]);
  });

  test("the page reconnects by itself when its socket's token expires, and keeps working", async ({
    users,
    chatChannel: channel,
  }) => {
    const { user, page } = await users.signedIn();
    // The first token the page gets lives 3 seconds; later ones come from the real route.
    let shortTokens = 0;
    await page.route("**/api/party/token?*", async (route) => {
      if (shortTokens++ > 0) return route.fallback();
      const token = await signRoomToken({
        user: { id: user.id, name: user.displayName, image: null, role: "member" },
        channel: channel.slug,
        secret: secret(),
        ttlSeconds: 3,
      });
      return route.fulfill({ json: { token } });
    });
    const sockets: { closed: number | null }[] = [];
    page.on("websocket", (ws) => {
      if (!ws.url().includes(`/parties/main/${channel.slug}`)) return;
      const entry = { closed: null as number | null };
      sockets.push(entry);
      ws.on("close", () => {
        entry.closed = Date.now();
      });
    });
    await page.goto(`/c/${channel.slug}`);
    await expect(page.getByRole("list", { name: "Who is here" })).toContainText(user.displayName);
    await expect.poll(() => sockets.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    expect(sockets[0]?.closed).not.toBeNull();
    // The new socket works: a message goes through and is stored.
    await page.getByRole("textbox", { name: "Message" }).fill("after the token ran out");
    await page.getByRole("textbox", { name: "Message" }).press("Enter");
    const list = page.getByRole("list", { name: "Messages" });
    await expect(
      list.getByRole("listitem").filter({ hasText: "after the token ran out" }),
    ).toHaveCount(1);
    await expect(page.getByText(/Disconnected|removed/)).toHaveCount(0);
  });
});

test.describe("a kicked user's older tokens", () => {
  test("are refused by the room; a token issued after the kick is not", async () => {
    const [channel, user] = await Promise.all([makeChannel(), makeUser()]);
    const before = await signRoomToken({
      user: probe(user.id),
      channel: channel.slug,
      secret: secret(),
    });
    const first = await open(channel.slug, before);
    if (!first.opened) throw new Error(`refused: ${first.status}`);
    const kicked = await command(
      channel.slug,
      { type: "kick", userId: user.id },
      await bearerHeader(secret()),
    );
    expect(kicked.status).toBe(200);
    expect((await first.closed).code).toBe(4003);

    // Reopening with the same (still unexpired) token: closed at once as kicked.
    const again = await open(channel.slug, before);
    if (again.opened) expect((await again.closed).code).toBe(4003);
    else expect(again.status).toBeGreaterThanOrEqual(400);

    // A token minted after the kick (say the ban was lifted) opens and stays open.
    const after = await signRoomToken({
      user: probe(user.id),
      channel: channel.slug,
      secret: secret(),
      now: Date.now() + 2_000,
    });
    const fresh = await open(channel.slug, after);
    if (!fresh.opened) throw new Error(`refused: ${fresh.status}`);
    const stillOpen = await Promise.race([
      fresh.closed.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 1_500)),
    ]);
    expect(stillOpen).toBe(true);
    fresh.socket.close();
  });
});

test.describe("a socket that keeps sending junk", () => {
  test("is closed with 1008 (policy violation)", async () => {
    const [channel, user] = await Promise.all([makeChannel(), makeUser()]);
    const token = await signRoomToken({
      user: probe(user.id),
      channel: channel.slug,
      secret: secret(),
    });
    const result = await open(channel.slug, token);
    if (!result.opened) throw new Error(`refused: ${result.status}`);
    for (let i = 0; i < 40 && result.socket.readyState === WebSocket.OPEN; i++) {
      result.socket.send(`{junk ${i}`);
    }
    expect((await result.closed).code).toBe(1008);
  });
});

test.describe("PARTY_SECRET's two jobs use two keys", () => {
  test("a token signed with the bearer key, or with PARTY_SECRET itself, is refused", async () => {
    const [channel, user] = await Promise.all([makeChannel(), makeUser()]);
    const { bearer } = await roomKeys(secret());
    const forge = (key: Uint8Array) =>
      new SignJWT({ name: "Forger", image: null, role: "admin", channel: channel.slug })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(String(user.id))
        .setIssuer("chat-site")
        .setAudience("room")
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(key);
    const encode = (text: string) => new TextEncoder().encode(text);
    for (const key of [encode(bearer), encode(secret())]) {
      expect(await open(channel.slug, await forge(key))).toEqual({ opened: false, status: 401 });
    }
  });

  test("a bearer made from the token key, or PARTY_SECRET itself, is refused by room and app", async ({
    request,
  }) => {
    const channel = await makeChannel();
    const { tokenKey } = await roomKeys(secret());
    const wrongBearers = [`Bearer ${base64url(tokenKey)}`, `Bearer ${secret()}`];
    const batch = {
      channel: channel.slug,
      messages: [{ authorId: 1, clientId: crypto.randomUUID(), body: "forged" }],
    };
    for (const authorization of wrongBearers) {
      expect((await command(channel.slug, { type: "deleted", id: 1 }, authorization)).status).toBe(
        401,
      );
      const stored = await request.post("/api/party/messages", {
        headers: { authorization },
        data: batch,
      });
      expect(stored.status()).toBe(401);
    }
    const right = await command(
      channel.slug,
      { type: "deleted", id: 1 },
      await bearerHeader(secret()),
    );
    expect(right.status).toBe(200);
  });
});
