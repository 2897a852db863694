/**
 * Playwright fixtures: signed-in users, each in a browser context of its own that closes by itself
 * when the test ends (passed or failed), and a fresh channel per test. Rows come from the shared
 * factories (tests/support/factories.ts); sign-in goes through NextAuth's own endpoints instead of
 * typing into the form in every test (the specs of the forms themselves still use the forms).
 */
import { type BrowserContext, test as base, expect, type Page } from "@playwright/test";
import { closeDb } from "@/db";
import type { Role } from "@/db/schema";
import { makeChannel, makeUser, type TestChannel, type TestUser } from "../support/factories";
import { expectPagesAccessible } from "./accessibility";
import { ChannelView } from "./channel-view";

/** A user signed in in a browser context of its own, with one page open. */
export type SignedInUser = {
  user: TestUser;
  context: BrowserContext;
  page: Page;
  /** The page as a channel view (it shows a channel once `view.open(slug)` has run). */
  view: ChannelView;
};

export type UserOptions = { role?: Role; displayName?: string; label?: string };

type TestFixtures = {
  /** Runs axe on the pages a test leaves open (accessibility.ts); on for every test. */
  axePass: undefined;
  /** Makes users and signs each in, in a context of its own; as many as a test wants. */
  users: { signedIn(options?: UserOptions): Promise<SignedInUser> };
  /** One signed-in member, for tests that need only one person. */
  member: SignedInUser;
  /** A fresh channel, named by its slug (`channel` is taken: it is Playwright's browser channel). */
  chatChannel: TestChannel;
};

type WorkerFixtures = {
  /** Ends the factories' database pool when the worker is done with it. */
  databasePool: undefined;
};

/** Signs a browser context in as `user` through NextAuth's csrf + credentials endpoints. */
export async function signIn(
  context: BrowserContext,
  user: Pick<TestUser, "username" | "password">,
): Promise<void> {
  const csrf = (await (await context.request.get("/api/auth/csrf")).json()) as {
    csrfToken: string;
  };
  const response = await context.request.post("/api/auth/callback/credentials", {
    form: {
      csrfToken: csrf.csrfToken,
      username: user.username,
      password: user.password,
      json: "true",
    },
  });
  expect(response.ok()).toBe(true);
  const cookies = await context.cookies();
  expect(cookies.some((c) => c.name.includes("next-auth.session-token"))).toBe(true);
}

/** Fails the test if the page runs a dialog (alert/confirm/prompt): user text must never run. */
export function forbidDialogs(page: Page): void {
  page.on("dialog", async (dialog) => {
    await dialog.dismiss();
    throw new Error(`A dialog ran on the page: ${dialog.message()}`);
  });
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  databasePool: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern; this one has none.
    async ({}, use) => {
      await use(undefined);
      await closeDb();
    },
    { scope: "worker", auto: true },
  ],

  axePass: [
    async ({ page, baseURL, javaScriptEnabled }, use, testInfo) => {
      await use(undefined);
      // A test that already failed says why; axe would only add noise to its report. Axe is a
      // script: on a page with JavaScript off (the no-JS form tests) it cannot run at all.
      if (testInfo.status === testInfo.expectedStatus && javaScriptEnabled !== false) {
        await expectPagesAccessible(page.context().pages(), baseURL ?? "");
      }
    },
    { auto: true },
  ],

  users: async ({ browser, baseURL }, use, testInfo) => {
    const contexts: BrowserContext[] = [];
    await use({
      async signedIn(options = {}) {
        const user = await makeUser(options);
        const context = await browser.newContext();
        contexts.push(context);
        await signIn(context, user);
        const page = await context.newPage();
        return { user, context, page, view: new ChannelView(page) };
      },
    });
    try {
      if (testInfo.status === testInfo.expectedStatus) {
        await expectPagesAccessible(
          contexts.flatMap((c) => c.pages()),
          baseURL ?? "",
        );
      }
    } finally {
      await Promise.all(contexts.map((context) => context.close()));
    }
  },

  member: async ({ users }, use) => {
    await use(await users.signedIn());
  },

  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern; this one has none.
  chatChannel: async ({}, use) => {
    await use(await makeChannel());
  },
});

export { expect };
