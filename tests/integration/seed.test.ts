import { verify } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { checkPassword } from "@/app/(auth)/password";
import { findUserByUsername } from "@/db/queries/users";
import { adminUsernameFrom, SeedConfigError, seed } from "@/db/seed";
import { unique } from "../support/factories";

describe("the seed's first admin", () => {
  it("is named by ADMIN_USERNAME (default admin) and must be a valid username", () => {
    expect(adminUsernameFrom(undefined)).toBe("admin");
    expect(adminUsernameFrom("")).toBe("admin");
    expect(adminUsernameFrom("chief_mod")).toBe("chief_mod");
    expect(() => adminUsernameFrom("no spaces")).toThrow(
      /ADMIN_USERNAME "no spaces" cannot be used/,
    );
  });

  it("gets the name asked for, a staff-like one included, and a strong generated password", async () => {
    const adminUsername = unique("admin");
    const result = await seed({ adminUsername });
    expect(result.adminUsername).toBe(adminUsername);
    expect(result.adminPassword).not.toBeNull();
    expect(checkPassword(result.adminPassword as string, { username: adminUsername })).toBeNull();
    const admin = await findUserByUsername(adminUsername);
    expect(admin?.role).toBe("admin");
    expect(await verify(admin?.passwordHash as string, result.adminPassword as string)).toBe(true);
  });

  it("refuses a weak ADMIN_PASSWORD with the reason, before creating anything", async () => {
    for (const [password, reason] of [
      ["password123", /ADMIN_PASSWORD is too weak: This password is too common/],
      ["short", /ADMIN_PASSWORD is too weak: Password must be at least 10 characters/],
    ] as const) {
      const adminUsername = unique("boss");
      const attempt = seed({ adminUsername, adminPassword: password });
      await expect(attempt).rejects.toBeInstanceOf(SeedConfigError);
      await expect(attempt).rejects.toThrow(reason);
      expect(await findUserByUsername(adminUsername)).toBeNull();
    }
  });

  it("uses a strong ADMIN_PASSWORD as given and does not print it back", async () => {
    const adminUsername = unique("boss");
    const adminPassword = "a long and uncommon admin passphrase";
    expect(await seed({ adminUsername, adminPassword })).toEqual({
      adminUsername,
      adminPassword: null,
    });
    const admin = await findUserByUsername(adminUsername);
    expect(await verify(admin?.passwordHash as string, adminPassword)).toBe(true);
  });
});
