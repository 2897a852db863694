import WebSocket from "ws";
import { bearerHeader } from "../../party/keys";
import { signRoomToken } from "../../party/token";
import { expect, signIn, test } from "../e2e/fixtures";
import { makeChannel, makeUser } from "../support/factories";

const partyHost = () => {
  const host = process.env.E2E_PARTY_HOST;
  if (!host) throw new Error("E2E_PARTY_HOST is not set: run the e2e tests through `npm test`");
  return host;
};
const appOrigin = () => new URL(process.env.E2E_BASE_URL as string).origin;

/**
 * Opens a socket to a room; resolves with the two frames a joiner gets (its limits, then
 * presence), or the HTTP status that refused it.
 */
function connect(room: string, query: string, origin: string | null) {
  return new Promise<{ opened: true; frames: string[] } | { opened: false; status: number }>(
    (resolve, reject) => {
      const ws = new WebSocket(`ws://${partyHost()}/parties/main/${room}${query}`, {
        headers: origin ? { origin } : {},
      });
      ws.on("unexpected-response", (_req, res) => {
        resolve({ opened: false, status: res.statusCode ?? 0 });
        ws.terminate();
      });
      const frames: string[] = [];
      ws.on("message", (data) => {
        frames.push(String(data));
        if (frames.length < 2) return;
        resolve({ opened: true, frames });
        ws.close();
      });
      ws.on("error", (error) => reject(error));
    },
  );
}

const user = { id: 1, name: "Probe", image: null, role: "member" as const };
const secret = () => process.env.PARTY_SECRET as string;

test.describe("the room refuses sockets it should not accept", () => {
  test("a valid token from the site's origin opens and gets its limits, then presence", async ({
    chatChannel,
  }) => {
    const token = await signRoomToken({ user, channel: chatChannel.slug, secret: secret() });
    const result = await connect(chatChannel.slug, `?token=${token}`, appOrigin());
    expect(result.opened).toBe(true);
    if (result.opened) {
      expect(result.frames.map((f) => (JSON.parse(f) as { type: string }).type)).toEqual([
        "limits",
        "presence",
      ]);
    }
  });

  test("no token, a forged token, an expired one, or one for another channel", async () => {
    const [channel, other] = await Promise.all([makeChannel(), makeChannel()]);
    expect(await connect(channel.slug, "", appOrigin())).toEqual({ opened: false, status: 401 });
    const forged = await signRoomToken({ user, channel: channel.slug, secret: "x".repeat(48) });
    expect(await connect(channel.slug, `?token=${forged}`, appOrigin())).toEqual({
      opened: false,
      status: 401,
    });
    const expired = await signRoomToken({
      user,
      channel: channel.slug,
      secret: secret(),
      now: Date.now() - 3_600_000,
      ttlSeconds: 60,
    });
    expect(await connect(channel.slug, `?token=${expired}`, appOrigin())).toEqual({
      opened: false,
      status: 401,
    });
    const elsewhere = await signRoomToken({ user, channel: other.slug, secret: secret() });
    expect(await connect(channel.slug, `?token=${elsewhere}`, appOrigin())).toEqual({
      opened: false,
      status: 403,
    });
  });

  test("a valid token from another site's page is refused (cross-site WebSocket hijacking)", async ({
    chatChannel,
  }) => {
    const token = await signRoomToken({ user, channel: chatChannel.slug, secret: secret() });
    expect(await connect(chatChannel.slug, `?token=${token}`, "https://evil.example")).toEqual({
      opened: false,
      status: 403,
    });
  });

  test("the token route mints a token only for a signed-in user and a real channel", async ({
    context,
    chatChannel,
  }) => {
    expect(
      (await context.request.get(`/api/party/token?channel=${chatChannel.slug}`)).status(),
    ).toBe(401);
    await signIn(context, await makeUser());
    const ok = await context.request.get(`/api/party/token?channel=${chatChannel.slug}`);
    expect(ok.status()).toBe(200);
    const { token } = (await ok.json()) as { token: string };
    expect((await connect(chatChannel.slug, `?token=${token}`, appOrigin())).opened).toBe(true);
    expect((await context.request.get("/api/party/token?channel=nope-not-here")).status()).toBe(
      404,
    );
    expect((await context.request.get("/api/party/token")).status()).toBe(400);
  });

  test("room commands need the shared secret", async ({ chatChannel }) => {
    const url = `http://${partyHost()}/parties/main/${chatChannel.slug}`;
    const body = JSON.stringify({ type: "deleted", id: 1 });
    expect((await fetch(url, { method: "POST", body })).status).toBe(401);
    const wrong = { authorization: "Bearer wrong" };
    expect((await fetch(url, { method: "POST", body, headers: wrong })).status).toBe(401);
    const right = { authorization: await bearerHeader(secret()) };
    expect((await fetch(url, { method: "POST", body, headers: right })).status).toBe(200);
    expect((await fetch(url, { method: "POST", body: "{bad", headers: right })).status).toBe(400);
  });
});
