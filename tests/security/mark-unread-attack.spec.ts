/**
 * "Mark as unread" attacked through its real server action: a page that names another channel's
 * message (ids are global), a message deleted since the page loaded, and the genuine request
 * replayed after the session was revoked or the person banned. The server must refuse each, and
 * the stored read position must not move.
 */
import type { Page, Request } from "@playwright/test";
import { softDeleteMessage } from "@/db/queries/messages";
import { advanceRead, readPosition } from "@/db/queries/read-state";
import { bumpSessionVersion } from "@/db/queries/users";
import { expect, signIn, test } from "../e2e/fixtures";
import { makeChannel, makeMessages, makeUser, restrictUser } from "../support/factories";

/** Server action calls the page makes to its own URL. */
const isAction = (request: Request) =>
  request.method() === "POST" && request.headers()["next-action"] !== undefined;

/** Rewrites the message id of the page's next server action calls to `forged`. */
async function forgeMessageId(page: Page, slug: string, forged: number) {
  await page.route(`**/c/${slug}`, async (route) => {
    const request = route.request();
    if (!isAction(request)) return route.continue();
    const args = JSON.parse(request.postData() ?? "[]") as unknown[];
    expect(args).toHaveLength(2);
    return route.continue({ postData: JSON.stringify([args[0], forged]) });
  });
}

async function scene() {
  const [here, elsewhere, author] = await Promise.all([makeChannel(), makeChannel(), makeUser()]);
  const local = await makeMessages({
    channel: here,
    author,
    bodies: ["a local message", "soon deleted", "the newest"],
  });
  const [foreign] = await makeMessages({ channel: elsewhere, author, bodies: ["elsewhere"] });
  if (!foreign) throw new Error("not stored");
  return { here, elsewhere, author, local, foreign };
}

test("another channel's message or a deleted one is refused, and nothing moves", async ({
  member,
}) => {
  const { here, elsewhere, author, local, foreign } = await scene();
  const newest = local.at(-1)?.id as number;
  await advanceRead({ userId: member.user.id, channelId: here.id, messageId: newest });
  await advanceRead({ userId: member.user.id, channelId: elsewhere.id, messageId: foreign.id });
  const { view, page } = member;
  await view.open(here.slug);
  await expect(view.message("the newest")).toBeVisible();

  await forgeMessageId(page, here.slug, foreign.id);
  await view.chooseFromMenu(view.message("a local message"), "Mark as unread");
  await expect(page.getByRole("alert").filter({ hasText: "not in this channel" })).toBeVisible();
  await page.unroute(`**/c/${here.slug}`);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);

  // Deleted after this page loaded: the page still offers it, the server does not.
  const gone = local[1]?.id as number;
  await softDeleteMessage({ id: gone, deletedBy: author.id, reason: "test" });
  await view.chooseFromMenu(view.message("soon deleted"), "Mark as unread");
  await expect(page.getByRole("alert").filter({ hasText: "was deleted" })).toBeVisible();
  // The menu shows its refusal inside itself, which axe does not accept in a menu: close it.
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await expect(view.unreadDivider).toHaveCount(0);

  expect((await readPosition(member.user, here.id)).lastReadId).toBe(newest);
  expect((await readPosition(member.user, elsewhere.id)).lastReadId).toBe(foreign.id);
});

test("the genuine request replayed after sign-out everywhere or a ban is refused", async ({
  member,
}) => {
  const { here, local } = await scene();
  const newest = local.at(-1)?.id as number;
  const reset = () =>
    advanceRead({ userId: member.user.id, channelId: here.id, messageId: newest + 1 });
  await advanceRead({ userId: member.user.id, channelId: here.id, messageId: newest });
  const { view, page } = member;
  await view.open(here.slug);

  const call = page.waitForRequest(isAction);
  await view.chooseFromMenu(view.message("a local message"), "Mark as unread");
  await expect(view.unreadDivider).toBeVisible();
  const request = await call;
  expect((await readPosition(member.user, here.id)).lastReadId).toBe((local[0]?.id as number) - 1);

  const sent = request.headers();
  const headers = Object.fromEntries(
    ["next-action", "next-router-state-tree", "content-type", "accept", "origin"]
      .filter((name) => sent[name] !== undefined)
      .map((name) => [name, sent[name] as string]),
  );
  // With the context's cookies, as the page would send it again.
  const replay = async () => {
    const answer = await page.request.post(request.url(), {
      headers,
      data: request.postData() ?? "",
      maxRedirects: 0,
    });
    return answer.text();
  };
  // The replay works while the session is good (so the refusals below are the server's rules).
  await reset();
  expect(await replay()).toContain("Marked as unread");
  expect((await readPosition(member.user, here.id)).lastReadId).toBe((local[0]?.id as number) - 1);

  await reset();
  await bumpSessionVersion({ userId: member.user.id });
  expect(await replay()).toContain("Sign in first.");
  expect((await readPosition(member.user, here.id)).lastReadId).toBe(newest + 1);

  // Signed in again (a current session), then banned: refused too.
  await signIn(member.context, member.user);
  expect(await replay()).toContain("Marked as unread");
  await reset();
  await restrictUser(member.user.id, "ban");
  expect(await replay()).toContain("You are banned.");
  expect((await readPosition(member.user, here.id)).lastReadId).toBe(newest + 1);
});
