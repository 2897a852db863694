import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { messages } from "@/db/schema";
import { signRoomToken } from "../../party/token";
import { expect, test } from "../e2e/fixtures";
import { RawSocket } from "../faults/support/raw-socket";
import { waitFor } from "../faults/support/wait";
import { makeChannel, makeMessages, makeUser, newClientId } from "../support/factories";

const partyHost = () => {
  const host = process.env.E2E_PARTY_HOST;
  if (!host)
    throw new Error("E2E_PARTY_HOST is not set: run the security tests through `npm test`");
  return host;
};
const appOrigin = () => new URL(process.env.E2E_BASE_URL as string).origin;

test("a forged reply to another channel's message (or to no message) is refused and not stored", async () => {
  const [here, elsewhere, mallory, victim] = await Promise.all([
    makeChannel(),
    makeChannel(),
    makeUser(),
    makeUser(),
  ]);
  const [secret] = await makeMessages({
    channel: elsewhere,
    author: victim,
    bodies: ["private words elsewhere"],
  });
  const [local] = await makeMessages({ channel: here, author: victim, bodies: ["a local one"] });
  if (!secret || !local) throw new Error("not stored");
  const token = await signRoomToken({
    user: { id: mallory.id, name: mallory.displayName, image: null, role: "member" },
    channel: here.slug,
    secret: process.env.PARTY_SECRET as string,
  });
  const socket = await RawSocket.open({
    partyHost: partyHost(),
    room: here.slug,
    token,
    origin: appOrigin(),
  });
  if (!(socket instanceof RawSocket)) throw new Error(`refused: ${socket.status}`);
  try {
    const cross = newClientId();
    const unknown = newClientId();
    for (const [clientId, replyTo] of [
      [cross, secret.id],
      [unknown, 2_000_000_000],
    ] as const) {
      await socket.send(JSON.stringify({ type: "send", clientId, body: "gotcha", replyTo }));
    }
    await waitFor("both refusals", () => socket.rejected.length >= 2);
    expect(socket.rejected).toEqual([
      { clientId: cross, reason: "invalid" },
      { clientId: unknown, reason: "invalid" },
    ]);
    // An honest reply in the same socket still goes through, quoting its parent.
    const ok = newClientId();
    await socket.send(
      JSON.stringify({ type: "send", clientId: ok, body: "fair", replyTo: local.id }),
    );
    await waitFor("the honest reply", () => socket.stored.some((m) => m.clientId === ok));
    expect(socket.stored.find((m) => m.clientId === ok)?.replyTo).toMatchObject({
      id: local.id,
      excerpt: "a local one",
    });
    const rows = await getDb()
      .select({ body: messages.body, replyToId: messages.replyToId })
      .from(messages)
      .where(eq(messages.authorId, mallory.id));
    expect(rows).toEqual([{ body: "fair", replyToId: local.id }]);
    expect(JSON.stringify(socket.stored)).not.toContain("private words elsewhere");
  } finally {
    socket.close();
  }
});
