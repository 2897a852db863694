import { createHash } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { pushSubscriptions } from "@/db/schema";
import { expect, test } from "../e2e/fixtures";
import { restrictUser, unique } from "../support/factories";
import { makeSubscriptionKeys } from "../support/push-decrypt";

const origin = () => new URL(process.env.E2E_BASE_URL as string).origin;
const hash = (endpoint: string) => createHash("sha256").update(endpoint).digest("hex");

function subscription(endpoint = `https://fcm.googleapis.com/fcm/send/${unique("sub", 60)}`) {
  const keys = makeSubscriptionKeys();
  return { endpoint, expirationTime: null, keys: { p256dh: keys.p256dh, auth: keys.auth } };
}

async function rowFor(endpoint: string) {
  const [row] = await getDb()
    .select({ userId: pushSubscriptions.userId })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.endpointHash, hash(endpoint)));
  return row ?? null;
}

const post = (request: APIRequestContext, data: unknown, from = origin()) =>
  request.post("/api/push/subscription", { data, headers: { origin: from } });
const remove = (request: APIRequestContext, endpoint: string, from = origin()) =>
  request.delete("/api/push/subscription", { data: { endpoint }, headers: { origin: from } });

test("the subscription routes refuse a signed-out caller", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  try {
    const sub = subscription();
    expect((await post(anonymous, sub)).status()).toBe(401);
    expect((await remove(anonymous, sub.endpoint)).status()).toBe(401);
    expect(await rowFor(sub.endpoint)).toBeNull();
  } finally {
    await anonymous.dispose();
  }
});

test("another site cannot subscribe or unsubscribe a signed-in person", async ({ member }) => {
  const sub = subscription();
  expect((await post(member.context.request, sub, "https://evil.example")).status()).toBe(403);
  expect(await rowFor(sub.endpoint)).toBeNull();
  expect((await post(member.context.request, sub)).status()).toBe(201);
  expect(
    (await remove(member.context.request, sub.endpoint, "https://evil.example")).status(),
  ).toBe(403);
  expect(await rowFor(sub.endpoint)).toEqual({ userId: member.user.id });
});

test("only https endpoints of browser push services are stored, with well-formed keys", async ({
  member,
}) => {
  const request = member.context.request;
  for (const endpoint of [
    "http://fcm.googleapis.com/fcm/send/abc",
    "https://127.0.0.1:8443/push",
    "https://169.254.169.254/latest/meta-data",
    "https://intranet.example/push",
    `https://fcm.googleapis.com/fcm/send/${"x".repeat(2100)}`,
  ]) {
    const response = await post(request, subscription(endpoint));
    expect(response.status(), endpoint).toBe(400);
    expect(await rowFor(endpoint)).toBeNull();
  }
  const short = subscription();
  short.keys.auth = "abc";
  expect((await post(request, short)).status()).toBe(400);
  expect((await post(request, { endpoint: short.endpoint })).status()).toBe(400);
  expect(await rowFor(short.endpoint)).toBeNull();
});

test("a person cannot delete someone else's subscription", async ({ users }) => {
  const [alice, mallory] = await Promise.all([users.signedIn(), users.signedIn()]);
  const sub = subscription();
  expect((await post(alice.context.request, sub)).status()).toBe(201);
  expect((await remove(mallory.context.request, sub.endpoint)).status()).toBe(404);
  expect(await rowFor(sub.endpoint)).toEqual({ userId: alice.user.id });
  expect((await remove(alice.context.request, sub.endpoint)).status()).toBe(200);
  expect(await rowFor(sub.endpoint)).toBeNull();
});

test("a banned person cannot subscribe", async ({ member }) => {
  await restrictUser(member.user.id, "ban");
  const sub = subscription();
  expect((await post(member.context.request, sub)).status()).toBe(403);
  expect(await rowFor(sub.endpoint)).toBeNull();
});

test("the room's push route refuses a caller without the room's bearer", async ({ member }) => {
  const response = await member.context.request.post("/api/party/push", {
    data: { userId: member.user.id, sockets: 0 },
  });
  expect(response.status()).toBe(401);
});
