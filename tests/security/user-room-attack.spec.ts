import WebSocket from "ws";
import { bearerHeader } from "../../party/keys";
import { signRoomToken } from "../../party/token";
import { userRoomClaim } from "../../party/user-room";
import { expect, signIn, test } from "../e2e/fixtures";
import { makeUser, restrictUser } from "../support/factories";

const partyHost = () => {
  const host = process.env.E2E_PARTY_HOST;
  if (!host) throw new Error("E2E_PARTY_HOST is not set: run the e2e tests through `npm test`");
  return host;
};
const appOrigin = () => new URL(process.env.E2E_BASE_URL as string).origin;
const secret = () => process.env.PARTY_SECRET as string;

/** Opens a socket to `/parties/<party>/<room>`; resolves whether it opened, or the refusal's status. */
function connect(party: string, room: string, token: string | null, origin = appOrigin()) {
  return new Promise<{ opened: true; ws: WebSocket } | { opened: false; status: number }>(
    (resolve, reject) => {
      const query = token ? `?token=${token}` : "";
      const ws = new WebSocket(`ws://${partyHost()}/parties/${party}/${room}${query}`, {
        headers: { origin },
      });
      ws.on("unexpected-response", (_req, res) => {
        resolve({ opened: false, status: res.statusCode ?? 0 });
        ws.terminate();
      });
      ws.on("open", () => resolve({ opened: true, ws }));
      ws.on("error", (error) => reject(error));
    },
  );
}

const person = (id: number) => ({ id, name: `P${id}`, image: null, role: "member" as const });
const tokenFor = (id: number, channel: string) =>
  signRoomToken({ user: person(id), channel, secret: secret() });

test.describe("a person's own room refuses everyone else", () => {
  test("user 5's token opens room 5 only; channel and user tokens do not cross", async ({
    chatChannel,
  }) => {
    const own = await connect("user", "5", await tokenFor(5, userRoomClaim(5)));
    expect(own.opened).toBe(true);
    if (own.opened) own.ws.close();
    // Another person's room, with a genuine token of one's own.
    expect(await connect("user", "6", await tokenFor(5, userRoomClaim(5)))).toEqual({
      opened: false,
      status: 403,
    });
    // A token for user 6's room carrying user 5 would only come from a forger; refused too.
    const mixed = await connect("user", "6", await tokenFor(5, userRoomClaim(6)));
    if (mixed.opened) {
      const code = await new Promise<number>((resolve) => mixed.ws.on("close", resolve));
      expect(code).toBe(1008);
    }
    // A channel token never opens a person's room, nor a person's token a channel's room.
    expect(await connect("user", "5", await tokenFor(5, chatChannel.slug))).toMatchObject({
      opened: false,
    });
    expect(
      await connect("main", chatChannel.slug, await tokenFor(5, userRoomClaim(5))),
    ).toMatchObject({ opened: false });
    expect(
      await connect(
        "main",
        encodeURIComponent(userRoomClaim(5)),
        await tokenFor(5, userRoomClaim(5)),
      ),
    ).toMatchObject({ opened: false, status: 403 });
    // No token, a room name that is no one, and a page of another site.
    expect(await connect("user", "5", null)).toEqual({ opened: false, status: 401 });
    expect(await connect("user", "abc", await tokenFor(5, userRoomClaim(5)))).toMatchObject({
      opened: false,
    });
    expect(
      await connect("user", "5", await tokenFor(5, userRoomClaim(5)), "https://evil.example"),
    ).toEqual({ opened: false, status: 403 });
  });

  test("events need the shared secret", async () => {
    const url = `http://${partyHost()}/parties/user/5`;
    const body = JSON.stringify({
      type: "events",
      events: [{ type: "muted", channel: "general", muted: true }],
    });
    expect((await fetch(url, { method: "POST", body })).status).toBe(401);
    const wrong = { authorization: "Bearer wrong" };
    expect((await fetch(url, { method: "POST", body, headers: wrong })).status).toBe(401);
    const right = { authorization: await bearerHeader(secret()) };
    const ok = await fetch(url, { method: "POST", body, headers: right });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ sockets: 0 });
    expect((await fetch(url, { method: "POST", body: "{bad", headers: right })).status).toBe(400);
  });

  test("the counts and the room token need a current session", async ({ context }) => {
    expect((await context.request.get("/api/unread")).status()).toBe(401);
    expect((await context.request.get("/api/party/user-token")).status()).toBe(401);
    const user = await makeUser();
    await signIn(context, user);
    const counts = await context.request.get("/api/unread");
    expect(counts.status()).toBe(200);
    const minted = await context.request.get("/api/party/user-token");
    expect(minted.status()).toBe(200);
    const { token } = (await minted.json()) as { token: string };
    const socket = await connect("user", String(user.id), token);
    expect(socket.opened).toBe(true);
    if (socket.opened) socket.ws.close();
    // Someone else's room with one's own minted token.
    expect(await connect("user", String(user.id + 1), token)).toMatchObject({
      opened: false,
      status: 403,
    });
    await restrictUser(user.id, "ban");
    expect((await context.request.get("/api/unread")).status()).toBe(403);
    expect((await context.request.get("/api/party/user-token")).status()).toBe(403);
  });
});
