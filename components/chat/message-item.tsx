"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { mentionsUser } from "@/components/mentions/parse-mentions";
import type { ChatMessage } from "@/party/protocol";
import { Avatar } from "./avatar";
import type { MessageActions } from "./message-actions";
import { MessageBody } from "./message-body";
import { MessageEditor } from "./message-editor";
import { MessageMenu } from "./message-menu";
import { MessageTime } from "./message-time";
import { ReactionBar } from "./reaction-bar";
import { ReplyQuote } from "./reply-quote";

export type Viewer = {
  id: number;
  /** The reader's username: a message that mentions it is highlighted for them. */
  username?: string;
  moderator: boolean;
  actions: MessageActions | null;
  /** Starts a reply to a message; absent when this viewer may not post here now. */
  onReply?: (message: ChatMessage) => void;
  /** Brings a message into view (a reply's quote jumps to its parent). */
  onJump?: (id: number) => void;
  /** Marks the channel unread from a message; resolves to a refusal in the reader's words, or null. */
  onMarkUnread?: (message: ChatMessage) => Promise<string | null>;
};

/** Which message is open in the editor: one at a time, held by the channel view. */
export type Editing = {
  id: number | null;
  /** Opens the editor on this message. */
  start: (id: number) => void;
  /** Closes it (saved or cancelled). */
  done: () => void;
};

/**
 * One stored message. Its body is Markdown (message-body.tsx); HTML in it shows as text. The first
 * message of a group has the header (avatar, name, role, time); the rest are compact rows whose
 * time shows on hover or focus, and whose author name stays in the text for screen readers.
 */
export function MessageItem({
  message,
  viewer,
  startsGroup,
  editor,
}: {
  message: ChatMessage;
  viewer: Viewer;
  startsGroup: boolean;
  editor: Editing;
}) {
  const t = useTranslations("chat.message");
  const m = useTranslations("mentions");
  const editing = editor.id === message.id;
  const [picking, setPicking] = useState(false);
  const own = message.author.id === viewer.id;
  const { body, author } = message;
  const mentionsMe = useMemo(
    () =>
      !own &&
      viewer.username !== undefined &&
      mentionsUser(body, viewer.username, author.role !== "member"),
    [own, viewer.username, body, author.role],
  );
  const actions = viewer.actions;
  const onMarkUnread = viewer.onMarkUnread;
  const edited = message.editedAt && (
    <span className="shrink-0 text-xs text-zinc-500">{t("edited")}</span>
  );
  return (
    <li
      // Focusable from script only, so a jump to this message can take the reader's focus here.
      tabIndex={-1}
      className={`group relative flex gap-3 px-4 transition-colors duration-700 ${mentionsMe ? "border-l-4 border-amber-400 bg-amber-50 pl-3 dark:bg-amber-950/40" : "hover:bg-zinc-50"} focus:outline-none focus-visible:outline-2 focus-visible:outline-indigo-500 data-highlight:bg-amber-50 data-highlight:ring-2 data-highlight:ring-inset data-highlight:ring-amber-400 dark:hover:bg-zinc-900/60 dark:data-highlight:bg-amber-900/40 ${startsGroup ? "mt-1 pt-2 pb-0.5" : "py-0.5"}`}
      data-message-id={message.id}
      data-mentions-me={mentionsMe ? "" : undefined}
    >
      {startsGroup ? (
        <Avatar name={message.author.name} image={message.author.image} />
      ) : (
        <>
          <span className="sr-only">{message.author.name}</span>
          <CompactTime iso={message.createdAt} />
        </>
      )}
      <div className="min-w-0 flex-1">
        {mentionsMe && <span className="sr-only">{m("mentionsYou")}</span>}
        {startsGroup && (
          <div className="flex flex-wrap items-baseline gap-x-2">
            <span className="user-text min-w-0 font-semibold text-zinc-900 dark:text-zinc-100">
              {message.author.name}
            </span>
            {message.author.role !== "member" && (
              <span className="shrink-0 rounded bg-indigo-100 px-1.5 text-[10px] font-medium uppercase tracking-wide text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">
                {message.author.role === "admin" ? t("roleAdmin") : t("roleModerator")}
              </span>
            )}
            <MessageTime iso={message.createdAt} />
            {edited}
          </div>
        )}
        {message.replyTo && <ReplyQuote parent={message.replyTo} onJump={viewer.onJump} />}
        {editing && actions ? (
          <MessageEditor message={message} actions={actions} onDone={editor.done} />
        ) : (
          <MessageBody body={message.body} className="text-zinc-800 dark:text-zinc-200" />
        )}
        {!startsGroup && edited}
        {actions && (
          <ReactionBar
            message={message}
            actions={actions}
            picking={picking}
            onPickingChange={setPicking}
          />
        )}
      </div>
      {/* Everyone may reply and react, so everyone gets the menu; its other items follow the rules. */}
      {actions && !editing && (
        <MessageMenu
          message={message}
          own={own}
          moderator={viewer.moderator}
          actions={actions}
          onEdit={() => editor.start(message.id)}
          onReply={viewer.onReply && (() => viewer.onReply?.(message))}
          onAddReaction={() => setPicking(true)}
          onMarkUnread={onMarkUnread && (() => onMarkUnread(message))}
        />
      )}
    </li>
  );
}

/**
 * A compact row's time, in the avatar's column: hidden until the row is hovered or holds focus,
 * yet always in the accessibility tree (opacity, not display), so every message keeps its time.
 */
function CompactTime({ iso }: { iso: string }) {
  return (
    <span className="flex w-8 shrink-0 justify-end pt-0.5 whitespace-nowrap opacity-0 group-focus-within:opacity-100 group-hover:opacity-100">
      <MessageTime iso={iso} />
    </span>
  );
}
