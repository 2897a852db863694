import { describe, expect, it } from "vitest";
import { insertMessages, searchMessages } from "@/db/queries/messages";
import { searchUsers } from "@/db/queries/users";
import { makeChannel, makeUser, newClientId, unique } from "../support/factories";

// Each search is pinned to this test's own rows by a unique tag inside the searched text.
describe("admin searches match %, _ and \\ only literally", () => {
  it("searchUsers: a display name search for % or _ finds only those characters", async () => {
    const tag = unique("t").replace(/-/g, "");
    const [percent, anyChar, underscore, letter, backslash] = await Promise.all([
      makeUser({ displayName: `${tag} 100% sure` }),
      makeUser({ displayName: `${tag} 100x sure` }),
      makeUser({ displayName: `${tag} snake_case` }),
      makeUser({ displayName: `${tag} snakeXcase` }),
      makeUser({ displayName: `${tag} C:\\temp` }),
    ]);
    const ids = async (q: string) =>
      (await searchUsers({ q, limit: 50 })).map((u) => u.id).sort((a, b) => a - b);

    expect(await ids(`${tag} 100%`)).toEqual([percent.id]);
    expect(await ids(`${tag} snake_case`)).toEqual([underscore.id]);
    expect(await ids(`${tag} C:\\temp`)).toEqual([backslash.id]);
    // A lone wildcard in the search is a character to find, not "anything".
    const all = [percent, anyChar, underscore, letter, backslash].map((u) => u.id);
    expect((await ids("%")).filter((id) => all.includes(id))).toEqual([percent.id]);
    expect((await ids("_")).filter((id) => all.includes(id))).toEqual([underscore.id]);
  });

  it("searchMessages: text with % or _ finds only messages holding those characters", async () => {
    const [channel, author] = await Promise.all([makeChannel(), makeUser()]);
    const tag = unique("m").replace(/-/g, "");
    const stored = await insertMessages({
      channelId: channel.id,
      items: [
        `${tag} 50% off`,
        `${tag} 50 percent off`,
        `${tag} my_var`,
        `${tag} myXvar`,
        `${tag} back\\slash`,
      ].map((body) => ({ authorId: author.id, clientId: newClientId(), body })),
    });
    const bodies = async (text: string) =>
      (await searchMessages({ text, channelSlug: channel.slug, limit: 50 })).messages.map(
        (m) => m.body,
      );

    expect(await bodies("%")).toEqual([`${tag} 50% off`]);
    expect(await bodies("_")).toEqual([`${tag} my_var`]);
    expect(await bodies("50%")).toEqual([`${tag} 50% off`]);
    expect(await bodies("\\")).toEqual([`${tag} back\\slash`]);
    expect(await bodies(tag)).toHaveLength(stored.length);
  });
});
