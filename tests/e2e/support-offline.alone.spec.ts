/**
 * The widget when nobody who answers support is online anywhere. "Online" is the whole site's
 * state, so this runs in the `alone` project: after every other e2e spec, one test at a time.
 */
import { isNotNull } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { makeSite, widgetPath } from "../support/factories";
import { expect, test } from "./fixtures";

test("with nobody online the visitor is told so and can leave an email", async ({ page }) => {
  // Agents of earlier specs stay counted for a while after their pages closed.
  await getDb()
    .update(users)
    .set({ supportOnlineUntil: null })
    .where(isNotNull(users.supportOnlineUntil));
  const site = await makeSite();
  await page.goto(widgetPath(site));
  await page.getByRole("button", { name: "Start chat" }).click();
  await expect(page.getByText("No one is online right now")).toBeVisible();
  await page.getByRole("textbox", { name: "Your email" }).fill("me@example.com");
  await page.getByRole("button", { name: "Send me the reply" }).click();
  await expect(page.getByText("we will reply to me@example.com")).toBeVisible();
});
