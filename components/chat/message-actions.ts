/** The server actions the channel view may call, passed down from the page. */
export type ActionResult = { ok: true; message: string } | { ok: false; message: string };
export type MessageAction = (
  previous: ActionResult | null,
  form: FormData,
) => Promise<ActionResult>;
export type MessageActions = {
  deleteMessage: MessageAction;
  editMessage: MessageAction;
  /** Adds or removes one's own reaction: fields messageId, emoji, on ("true" | "false"). */
  toggleReaction: MessageAction;
};

/** Calls a form action with plain fields. */
export function callAction(action: MessageAction, fields: Record<string, string | number>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, String(v));
  return action(null, form);
}
