"use server";

import { revalidatePath } from "next/cache";
import { getSessionState } from "../_lib/session";
import { type MarkReadResult, markReadAs, setMutedAs } from "../_lib/unread/read-actions-core";

async function actor() {
  const state = await getSessionState();
  return state.status === "signed-out" ? null : state.user;
}

/** The page saw the newest message of a channel (visible, scrolled to the bottom). */
export async function markRead(slug: string, messageId: number): Promise<MarkReadResult> {
  return markReadAs(await actor(), slug, messageId);
}

/**
 * The mute button's form: works before hydration (a plain POST), and re-renders the page so the
 * button and the sidebar show the new state.
 */
export async function setChannelMuted(form: FormData): Promise<void> {
  const slug = String(form.get("slug") ?? "");
  const muted = form.get("muted") === "true";
  const result = await setMutedAs(await actor(), slug, muted);
  if (result.ok) revalidatePath("/", "layout");
}
