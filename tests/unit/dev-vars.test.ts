import { describe, expect, it } from "vitest";
import { devVarsText } from "@/db/local/dev-vars";

const app = {
  url: "http://localhost:3000",
  origins: ["http://localhost:3000", "http://127.0.0.1:3000"],
};

describe(".dev.vars for the local room", () => {
  it("hands on the secret and the room settings that are set, and where the app is", () => {
    const text = devVarsText(
      { PARTY_SECRET: "s".repeat(40), RATE_LIMIT_BURST: "50", NEXTAUTH_SECRET: "not for the room" },
      app,
    );
    const lines = text.split("\n").filter((l) => l && !l.startsWith("#"));
    expect(lines).toEqual([
      `PARTY_SECRET="${"s".repeat(40)}"`,
      `RATE_LIMIT_BURST="50"`,
      `APP_URL="http://localhost:3000"`,
      `ALLOWED_ORIGINS="http://localhost:3000,http://127.0.0.1:3000"`,
    ]);
    expect(text).not.toContain("NEXTAUTH_SECRET");
    expect(text.startsWith("# Written by `npm run dev`")).toBe(true);
  });

  it("keeps an ALLOWED_ORIGINS the person set, and quotes values so any character survives", () => {
    const text = devVarsText({ PARTY_SECRET: 'a"b\\c#d', ALLOWED_ORIGINS: "https://x.test" }, app);
    expect(text).toContain('PARTY_SECRET="a\\"b\\\\c#d"');
    expect(text).toContain('ALLOWED_ORIGINS="https://x.test"');
  });
});
