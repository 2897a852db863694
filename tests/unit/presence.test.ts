import { describe, expect, it } from "vitest";
import { presenceDelayMs, presenceFrame, presentUsers } from "@/party/presence";
import { PRESENCE_LIST_MAX } from "@/party/protocol";
import { roomUser } from "./fixtures";

describe("presentUsers", () => {
  it("is empty for no connections", () => {
    expect(presentUsers([])).toEqual([]);
  });

  it("lists a user with several connections once", () => {
    const ada = roomUser({ id: 1, name: "Ada" });
    expect(presentUsers([ada, ada, { ...ada }])).toEqual([{ id: 1, name: "Ada", image: null }]);
  });

  it("keeps the first copy seen of a user", () => {
    const first = roomUser({ id: 1, name: "Ada", image: "a.png" });
    const renamed = roomUser({ id: 1, name: "Ada L.", image: "b.png" });
    expect(presentUsers([first, renamed])).toEqual([{ id: 1, name: "Ada", image: "a.png" }]);
  });

  it("sorts by name, then by id for equal names", () => {
    const users = [
      roomUser({ id: 3, name: "Linus" }),
      roomUser({ id: 5, name: "Grace" }),
      roomUser({ id: 2, name: "Grace" }),
      roomUser({ id: 4, name: "Ada" }),
    ];
    expect(presentUsers(users).map((u) => [u.id, u.name])).toEqual([
      [4, "Ada"],
      [2, "Grace"],
      [5, "Grace"],
      [3, "Linus"],
    ]);
  });

  it("skips connections without a user", () => {
    const ada = roomUser({ id: 1, name: "Ada" });
    expect(presentUsers([null, ada, undefined, null])).toEqual([
      { id: 1, name: "Ada", image: null },
    ]);
  });

  it("exposes only id, name and image (not the role)", () => {
    const [user] = presentUsers([
      roomUser({ id: 9, name: "Mod", role: "moderator", image: "m.png" }),
    ]);
    expect(user).toStrictEqual({ id: 9, name: "Mod", image: "m.png" });
  });

  it("accepts any iterable, such as a generator", () => {
    function* connections() {
      yield roomUser({ id: 2, name: "Bob" });
      yield null;
      yield roomUser({ id: 1, name: "Alice" });
      yield roomUser({ id: 2, name: "Bob" });
    }
    expect(presentUsers(connections()).map((u) => u.name)).toEqual(["Alice", "Bob"]);
  });
});

describe("presenceFrame", () => {
  it("names everyone in a small room and counts people, not sockets", () => {
    const ada = roomUser({ id: 1, name: "Ada" });
    const bob = roomUser({ id: 2, name: "Bob" });
    expect(presenceFrame([bob, ada, ada, null])).toEqual({
      type: "presence",
      users: [
        { id: 1, name: "Ada", image: null },
        { id: 2, name: "Bob", image: null },
      ],
      count: 2,
    });
  });

  it("names the first PRESENCE_LIST_MAX people by name in a big room and counts all", () => {
    const crowd = Array.from({ length: 3_000 }, (_, i) =>
      roomUser({ id: i + 1, name: `user ${String(3_000 - i).padStart(4, "0")}` }),
    );
    const frame = presenceFrame(crowd);
    expect(frame.count).toBe(3_000);
    expect(frame.users).toHaveLength(PRESENCE_LIST_MAX);
    expect(frame.users[0]?.name).toBe("user 0001");
    expect(frame.users.at(-1)?.name).toBe(`user ${String(PRESENCE_LIST_MAX).padStart(4, "0")}`);
  });
});

describe("presenceDelayMs", () => {
  it("waits 50 ms in a small room", () => {
    expect(presenceDelayMs(0)).toBe(50);
    expect(presenceDelayMs(250)).toBe(50);
  });

  it("waits longer as the room grows, at most 2 s", () => {
    expect(presenceDelayMs(1_000)).toBe(200);
    expect(presenceDelayMs(5_000)).toBe(1_000);
    expect(presenceDelayMs(10_000)).toBe(2_000);
    expect(presenceDelayMs(30_000)).toBe(2_000);
  });
});
