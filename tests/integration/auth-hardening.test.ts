import { hash } from "@node-rs/argon2";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { translate } from "@/app/_i18n/translate";
import { checkCredentials } from "@/app/_lib/credentials";
import { banUser } from "@/app/_lib/moderation/user-actions";
import { recordSignUp, signUpRefusal } from "@/app/_lib/throttle";
import { SIGN_IN_PER_USERNAME, SIGN_UP_PER_ADDRESS } from "@/app/_lib/throttle-policy";
import { getDb } from "@/db";
import { checkThrottle, recordAttempt } from "@/db/queries/throttle";
import { findUserById, upsertOAuthUser } from "@/db/queries/users";
import { accounts, authThrottles, users } from "@/db/schema";
import { makeUser, unique } from "../support/factories";

async function userWithPassword(password: string) {
  const user = await makeUser();
  await getDb()
    .update(users)
    .set({ passwordHash: await hash(password) })
    .where(eq(users.id, user.id));
  return user;
}

describe("sign-in throttle (MySQL)", () => {
  it("blocks a username after the free failures, refuses even the right password, and says so", async () => {
    const user = await userWithPassword("right password");
    const address = unique("addr");
    const outcomes: string[] = [];
    for (let i = 0; i < SIGN_IN_PER_USERNAME.free + 2; i++) {
      const r = await checkCredentials({ username: user.username, password: "wrong", address });
      outcomes.push(r.ok ? "ok" : r.reason);
    }
    // Five free guesses; the sixth failure starts the cool-down and says so at once.
    expect(outcomes).toEqual([
      ...Array(SIGN_IN_PER_USERNAME.free).fill("invalid"),
      "throttled",
      "throttled",
    ]);
    const refused = await checkCredentials({
      username: user.username.toUpperCase(),
      password: "right password",
      address: unique("other-addr"),
    });
    expect(refused).toMatchObject({ ok: false, reason: "throttled" });

    // After the cool-down the right password works and clears the counter.
    await getDb()
      .update(authThrottles)
      .set({ blockedUntil: new Date(Date.now() - 1000) })
      .where(eq(authThrottles.key, user.username.toLowerCase()));
    const ok = await checkCredentials({
      username: user.username,
      password: "right password",
      address,
    });
    expect(ok.ok).toBe(true);
    const left = await getDb()
      .select()
      .from(authThrottles)
      .where(eq(authThrottles.key, user.username.toLowerCase()));
    expect(left).toEqual([]);
  });

  it("blocks an address spraying many usernames", async () => {
    const address = unique("spray");
    let last = "";
    for (let i = 0; i < 31; i++) {
      const r = await checkCredentials({ username: unique("nobody"), password: "x", address });
      last = r.ok ? "ok" : r.reason;
    }
    expect(last).toBe("throttled");
    const real = await userWithPassword("pw for real");
    expect(
      await checkCredentials({ username: real.username, password: "pw for real", address }),
    ).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("forgets attempts older than the window", async () => {
    const key = unique("old");
    const long = new Date(Date.now() - 2 * SIGN_UP_PER_ADDRESS.windowMs);
    for (let i = 0; i < 3; i++) {
      await recordAttempt({
        scope: "signup_address",
        key,
        now: long,
        windowMs: SIGN_UP_PER_ADDRESS.windowMs,
      });
    }
    expect(
      await recordAttempt({
        scope: "signup_address",
        key,
        now: new Date(),
        windowMs: SIGN_UP_PER_ADDRESS.windowMs,
      }),
    ).toBe(1);
  });

  it("throttles sign-ups per address", async () => {
    const address = unique("signup");
    for (let i = 0; i < SIGN_UP_PER_ADDRESS.free; i++) {
      expect(await signUpRefusal(address)).toBeNull();
      await recordSignUp(address);
    }
    expect(await signUpRefusal(address)).toBeNull();
    await recordSignUp(address);
    const refusal = await signUpRefusal(address);
    expect(refusal && translate("en", refusal)).toBe("Too many attempts. Try again in 5 minutes.");
    expect(
      await checkThrottle({
        keys: [{ scope: "signup_address", key: unique("x") }],
        now: new Date(),
      }),
    ).toBeNull();
  });
});

describe("session_version", () => {
  it("a ban bumps it, so cookies issued before the ban stay dead after an unban", async () => {
    const mod = await makeUser({ role: "moderator" });
    const member = await makeUser();
    const before = (await findUserById(member.id))?.sessionVersion ?? -1;
    const result = await banUser.runAs(mod, {
      userId: member.id,
      duration: "1h",
      reason: "spam",
    });
    expect(result.ok).toBe(true);
    expect((await findUserById(member.id))?.sessionVersion).toBe(before + 1);
  });
});

describe("GitHub first sign-in", () => {
  it("creates the user and its link together, and finds the same user next time", async () => {
    const providerAccountId = unique("gh");
    const displayName = unique("Octo Cat");
    const profile = {
      provider: "github",
      providerAccountId,
      login: unique("Octo"),
      name: displayName,
      email: null,
      image: null,
    };
    const [a, b] = await Promise.all([upsertOAuthUser(profile), upsertOAuthUser(profile)]);
    expect(a.id).toBe(b.id);
    const links = await getDb()
      .select()
      .from(accounts)
      .where(eq(accounts.providerAccountId, providerAccountId));
    expect(links.map((l) => l.userId)).toEqual([a.id]);
    // The racing loser's user was rolled back with its transaction: no orphan without a link.
    const orphans = await getDb()
      .select({ id: users.id })
      .from(users)
      .where(eq(users.displayName, displayName));
    expect(orphans.map((o) => o.id)).toEqual([a.id]);
    expect((await upsertOAuthUser(profile)).id).toBe(a.id);
  });
});
