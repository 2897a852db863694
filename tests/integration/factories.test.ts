import { verify } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { signUpSchema } from "@/app/(auth)/schemas";
import { findChannelById } from "@/db/queries/channels";
import { listMessages } from "@/db/queries/messages";
import { findUserById } from "@/db/queries/users";
import { makeChannel, makeMessages, makeUser, restrictUser, unique } from "../support/factories";

// The factories are what every other suite stands on: these pin the promises they make.
describe("test factories", () => {
  it("unique names differ, fit a username and a slug, and keep their prefix", () => {
    const names = Array.from({ length: 200 }, () => unique("A very long Label with spaces!"));
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(32);
      expect(name).toMatch(/^[a-z0-9][a-z0-9-]{0,62}$/);
      expect(name.startsWith("a-very-long-")).toBe(true);
    }
    expect(unique("room", 64).length).toBeLessThanOrEqual(64);
  });

  it("makes a user whose password verifies against the stored hash, with the role asked for", async () => {
    const user = await makeUser({ role: "moderator", displayName: "Factory Fay" });
    const stored = await findUserById(user.id);
    expect(stored).toMatchObject({ username: user.username, displayName: "Factory Fay" });
    expect(stored?.role).toBe("moderator");
    expect(stored?.passwordHash).toMatch(/^\$argon2/);
    expect(await verify(stored?.passwordHash ?? "", user.password)).toBe(true);
    expect(signUpSchema.safeParse({ ...user, password: user.password }).success).toBe(true);
  });

  it("gives two default users different display names", async () => {
    const label = "a label long enough to be cut short";
    const [one, two] = await Promise.all([makeUser(), makeUser()]);
    const [three, four] = await Promise.all([makeUser({ label }), makeUser({ label })]);
    expect(one.displayName).not.toBe(two.displayName);
    expect(three.displayName).not.toBe(four.displayName);
  });

  it("makes read-only channels and stores messages in the order given", async () => {
    const channel = await makeChannel({ readOnly: true });
    expect((await findChannelById(channel.id))?.readOnly).toBe(true);
    const author = await makeUser();
    const bodies = ["first", "second", "third"];
    const stored = await makeMessages({ channel, author, bodies });
    expect(stored.map((m) => m.body)).toEqual(bodies);
    const page = await listMessages({ channelId: channel.id, limit: 10 });
    expect(page.messages.map((m) => m.body)).toEqual(bodies);
  });

  it("restricts a user until the time given", async () => {
    const user = await makeUser();
    const until = new Date(Date.now() + 60_000);
    await restrictUser(user.id, "mute", until);
    await restrictUser(user.id, "ban");
    const stored = await findUserById(user.id);
    expect(stored?.mutedUntil?.getTime()).toBe(until.getTime());
    expect(stored?.bannedUntil?.getTime()).toBeGreaterThan(Date.now());
  });
});
