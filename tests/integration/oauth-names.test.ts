import { describe, expect, it } from "vitest";
import { upsertOAuthUser } from "@/db/queries/users";
import { unique } from "../support/factories";

const profile = (login: string, name: string | null) => ({
  provider: "github",
  providerAccountId: unique("gh").replace(/-/g, ""),
  login,
  name,
  email: null,
  image: null,
});

describe("a first OAuth sign-in follows the sign-up name rules", () => {
  it("stores the provider's name cleaned of bidi and invisible characters", async () => {
    const login = unique("octo");
    const user = await upsertOAuthUser(profile(login, "\u202EOcto\u200B Cat\u202C\uFEFF"));
    expect(user.username).toBe(login);
    expect(user.displayName).toBe("Octo Cat");
  });

  it("gives a staff-like login a neutral handle and a staff-like name the handle", async () => {
    const p = profile("Administrator", "\u2066Admin\u2069");
    const user = await upsertOAuthUser(p);
    expect(user.username).toBe(`user-${p.providerAccountId}`.toLowerCase().slice(0, 30));
    expect(user.displayName).toBe(user.username);
  });

  it("falls back to the login when the name is nothing but invisible characters", async () => {
    const login = unique("ghost");
    const user = await upsertOAuthUser(profile(login, "\u200B\u200D\u3164"));
    expect(user.displayName).toBe(login);
  });
});
