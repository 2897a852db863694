import { describe, expect, it } from "vitest";
import { presentUsers } from "@/party/presence";
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
