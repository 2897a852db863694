/**
 * Every non-blank entry of the Big List of Naughty Strings goes through the real room, is
 * stored, and comes back exactly as sent: live to the sender and to another client, from the
 * history route, and as bytes in MySQL. (That none of them runs as code in a browser is
 * tests/e2e/naughty-strings.spec.ts.)
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { type ChatMessage, checkBody, historyPageSchema } from "@/party/protocol";
import { sharedDataPath } from "../support/shared-data";
import { ChatBot } from "./support/chat-bot";
import { createChannel, createUser, storedBodyBytes } from "./support/db";
import { faultStackPerFile } from "./support/fault-stack";
import { expectConsistent, report, settle } from "./support/ledger";
import { startTyping } from "./support/typist";

const BLNS = sharedDataPath("naughty-strings/blns.json");

function naughtyStrings(): string[] {
  const list: unknown = JSON.parse(readFileSync(BLNS, "utf8"));
  if (!Array.isArray(list) || !list.every((s) => typeof s === "string")) {
    throw new Error(`${BLNS} is not a JSON array of strings`);
  }
  // "Blank" as the composer and the room judge it; those are refused as empty by design.
  return list.filter((s) => checkBody(s) === null);
}

const stack = faultStackPerFile();

it("stores and returns every naughty string byte for byte", async () => {
  const strings = naughtyStrings();
  expect(strings.length).toBeGreaterThan(500);
  const channel = await createChannel("naughty");
  const bots = (await Promise.all(
    ["naughty", "listener"].map(async (name) =>
      ChatBot.join(name, {
        appUrl: stack().appUrl,
        partyHost: stack().partyHost,
        channel,
        user: await createUser(name),
      }),
    ),
  )) as [ChatBot, ChatBot];
  const [sender, listener] = bots;
  const typing = startTyping(sender, {
    count: strings.length,
    everyMs: 5,
    maxSending: 50,
    text: (i) => strings[i] as string,
  });
  await typing.done;
  const rows = await settle(bots, channel.id);
  expect(sender.rejections).toEqual([]);

  // History as a page loads it: the history route, page by page from the start.
  const history: ChatMessage[] = [];
  for (let after = 0; ; ) {
    const response = await listener.session.fetch(
      `/api/channels/${channel.slug}/messages?after=${after}&limit=200`,
    );
    const page = historyPageSchema.parse(await response.json());
    history.push(...page.messages);
    const last = page.messages[page.messages.length - 1];
    if (!page.hasMore || !last) break;
    after = last.id;
  }

  const bytes = await storedBodyBytes(channel.id);
  const byClientId = (messages: ChatMessage[]) => new Map(messages.map((m) => [m.clientId, m]));
  const sources = {
    "live to the sender": byClientId(sender.live),
    "live to another client": byClientId(listener.live),
    "the history route": byClientId(history),
  };
  const mismatches: string[] = [];
  for (const [clientId, body] of sender.typed) {
    for (const [source, messages] of Object.entries(sources)) {
      const got = messages.get(clientId)?.body;
      if (got !== body)
        mismatches.push(`${source}: sent ${JSON.stringify(body)}, got ${JSON.stringify(got)}`);
    }
    const hex = Buffer.from(body, "utf8").toString("hex");
    if (bytes.get(clientId) !== hex)
      mismatches.push(`MySQL bytes differ for ${JSON.stringify(body)}`);
  }
  expect(mismatches).toEqual([]);

  const t = expectConsistent(bots, rows);
  expect(t.sent).toBe(strings.length);
  expect(t.stored).toBe(strings.length);
  report("naughty-strings", t, { strings: strings.length, mismatches: mismatches.length });
  for (const b of bots) b.stop();
});
