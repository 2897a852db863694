/**
 * Reactions are toggled while the room's runtime is killed and brought back: each change is
 * stored first and then told to the room, as the toggleReaction action does, so some of the
 * room's broadcasts are lost with it. Every client must still end with MySQL's reactions (count,
 * mine, who) once it is back, through the changes feed, and nothing may be counted twice.
 */
import { expect, it } from "vitest";
import { addReaction, reactionSummaries, removeReaction } from "@/db/queries/reactions";
import { bearerHeader } from "@/party/keys";
import type { Reaction, RoomCommand } from "@/party/protocol";
import { makeMessages } from "../support/factories";
import { joinAll } from "./support/chat-bot";
import { createChannel, createUser } from "./support/db";
import { faultStackPerFile } from "./support/fault-stack";
import { waitFor } from "./support/wait";

const stack = faultStackPerFile();
const EMOJI = ["👍", "🎉", "😂"];
const TOGGLES_PER_ROUND = 20;
const RESTARTS = 2;

/** A reaction list compared by what it means, whatever order the names arrived in. */
const meaning = (reactions: Reaction[] | undefined) =>
  (reactions ?? [])
    .map((r) => ({
      emoji: r.emoji,
      count: r.count,
      mine: r.mine,
      users: r.users.map((u) => u.id).sort((a, b) => a - b),
    }))
    .sort((a, b) => (a.emoji < b.emoji ? -1 : 1));

it("clients converge on MySQL's reactions through room restarts, nothing doubled", async () => {
  const channel = await createChannel("reactions");
  const users = await Promise.all([0, 1, 2].map((i) => createUser(`react${i}`)));
  const [author] = users;
  if (!author) throw new Error("no users");
  const [message] = await makeMessages({ channel, author, bodies: ["react through restarts"] });
  if (!message) throw new Error("no message");
  const bots = await joinAll(stack(), channel, users);
  await waitFor("every bot to hold the message", () =>
    bots.every((b) => b.messages.some((m) => m.id === message.id)),
  );

  // What Next.js does after a change: tell the room, and carry on when it cannot be reached.
  const notify = async (command: RoomCommand) => {
    try {
      await fetch(`http://${stack().partyHost}/parties/main/${channel.slug}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: await bearerHeader(stack().secrets.partySecret),
        },
        body: JSON.stringify(command),
        signal: AbortSignal.timeout(5_000),
      });
    } catch {
      // The room is down: the clients learn it from the changes feed when they are back.
    }
  };
  // A fixed sequence, so a failure can be replayed.
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 48_271) % 2_147_483_647;
    return seed % n;
  };
  const on = new Set<string>();
  const toggle = async () => {
    const user = users[next(users.length)];
    const emoji = EMOJI[next(EMOJI.length)];
    if (!user || !emoji) throw new Error("bad pick");
    const key = `${user.id}:${emoji}`;
    const adding = !on.has(key);
    if (adding) on.add(key);
    else on.delete(key);
    const reaction = { messageId: message.id, emoji, userId: user.id };
    const change = adding ? await addReaction(reaction) : await removeReaction(reaction);
    if (!change.ok) throw new Error(`refused: ${change.reason}`);
    await notify({
      type: "reaction",
      event: {
        messageId: message.id,
        emoji,
        user: { id: user.id, name: user.displayName },
        added: adding,
        count: change.count,
      },
    });
  };

  for (let round = 0; round <= RESTARTS; round++) {
    // The restart runs while this round's toggles go on, so some broadcasts are lost with it.
    const restart = round < RESTARTS ? stack().restartRoom() : Promise.resolve();
    for (let i = 0; i < TOGGLES_PER_ROUND; i++) await toggle();
    await restart;
  }
  expect(stack().roomRestarts()).toBe(RESTARTS);

  const truth = new Map(
    await Promise.all(
      bots.map(async (b) => {
        const summaries = await reactionSummaries({
          messageIds: [message.id],
          readerId: b.user.id,
        });
        return [b.user.id, meaning(summaries.get(message.id))] as const;
      }),
    ),
  );
  // Nothing doubled: MySQL holds exactly the reactions left on.
  const [anyone] = [...truth.values()];
  expect(anyone?.reduce((n, r) => n + r.count, 0)).toBe(on.size);
  const held = (b: (typeof bots)[number]) =>
    meaning(b.messages.find((m) => m.id === message.id)?.reactions);
  await waitFor(
    "every bot to hold MySQL's reactions",
    () =>
      bots.every(
        (b) =>
          b.status === "open" && JSON.stringify(held(b)) === JSON.stringify(truth.get(b.user.id)),
      ),
    {
      explain: () =>
        bots
          .map(
            (b) =>
              `${b.name}: status=${b.status} held=${JSON.stringify(held(b))} truth=${JSON.stringify(truth.get(b.user.id))}`,
          )
          .join("\n"),
    },
  );
  for (const b of bots) b.stop();
});
