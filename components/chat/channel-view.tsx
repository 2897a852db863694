"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { KnownNamesProvider, useKnownNames } from "@/components/mentions/known-names";
import type { ChatMessage, ReplyParent } from "@/party/protocol";
import { Composer } from "./composer";
import { lastOwnMessage } from "./composer-keys";
import { ConnectionBanner } from "./connection-banner";
import { draftKey } from "./drafts";
import { JumpToUnread } from "./jump-to-unread";
import type { MessageActions } from "./message-actions";
import type { Editing } from "./message-item";
import { MessageList } from "./message-list";
import { PresenceList } from "./presence-list";
import { useProblemText } from "./problem-text";
import { replyQuote } from "./timeline";
import { TypingIndicator } from "./typing-indicator";
import type { UnreadBoundary } from "./unread-boundary";
import { useChannelRoom } from "./use-channel-room";
import { useJumpOnLoad, useMessageJump } from "./use-message-jump";
import { useReadReporter } from "./use-read-reporter";
import { type MarkUnreadAction, useUnread } from "./use-unread";

type Props = {
  slug: string;
  partyHost: string;
  me: { id: number; name: string; username?: string; moderator: boolean };
  /** A message to bring into view once the page has loaded (`?message=ID`, from the Mentions page). */
  jumpTo?: number;
  initial: ChatMessage[];
  initialHasOlder: boolean;
  /** Server time the initial messages are current from (ISO 8601): where catching up on edits starts. */
  syncedAt: string;
  actions: MessageActions;
  /** Why this user cannot post here right now (read-only channel, muted), already in their words, or null. */
  cannotPost: string | null;
  /** A line under the composer in the reader's words, e.g. "Slow mode: one message every 30 s". */
  notice: string | null;
  /** The reader's unread part as the page was rendered (null: nothing unread), and "Mark as unread". */
  unread?: UnreadBoundary | null;
  /** Absent where a page has no read position (the support widget and inbox). */
  markUnread?: MarkUnreadAction;
  /** Told the newest stored message id whenever it changes (the support inbox's "Seen"). */
  onNewest?: (id: number) => void;
};

/** The live part of a channel page: messages, composer and who is here. */
export function ChannelView(props: Props) {
  const { slug, partyHost, me, initial, initialHasOlder, syncedAt } = props;
  const t = useTranslations("chat");
  const problemText = useProblemText();
  const r = useTranslations("replies");
  const room = useChannelRoom({ slug, partyHost, me: me.id, initial, initialHasOlder, syncedAt });
  const stopped = room.status === "stopped";
  const column = useRef<HTMLDivElement>(null);
  const [replyingTo, setReplyingTo] = useState<ReplyParent | null>(null);
  const canPost = !stopped && props.cannotPost === null;
  const jump = useMessageJump({
    list: useCallback(() => column.current, []),
    loadUntilHeld: room.loadUntilHeld,
    messages: room.messages,
  });
  const jumpTo = jump.jump;
  const unread = useUnread({
    slug,
    me: me.id,
    initial: props.unread ?? null,
    messages: room.messages,
    hasOlder: room.hasOlder,
    loadUntilHeld: room.loadUntilHeld,
    reveal: useCallback((id: number) => void jumpTo(id), [jumpTo]),
    markUnread: props.markUnread,
  });
  const markFrom = unread.markFrom;
  const viewer = useMemo(
    () => ({
      id: me.id,
      username: me.username,
      moderator: me.moderator,
      actions: props.actions,
      onReply: canPost ? (m: ChatMessage) => setReplyingTo(replyQuote(m)) : undefined,
      onJump: jump.jump,
      onMarkUnread: props.markUnread ? (m: ChatMessage) => markFrom(m.id) : undefined,
    }),
    [
      me.id,
      me.username,
      me.moderator,
      props.actions,
      canPost,
      jump.jump,
      markFrom,
      props.markUnread,
    ],
  );
  useJumpOnLoad(props.jumpTo, jump.jump);
  // A reply whose parent is deleted meanwhile is still sent: the store accepts it, and its quote
  // says the original was deleted.
  const send = room.send;
  const sent = unread.sent;
  const sendWithReply = useCallback(
    (body: string) => {
      const refusal = send(body, replyingTo ?? undefined);
      if (!refusal) {
        setReplyingTo(null);
        sent();
      }
      return refusal;
    },
    [send, replyingTo, sent],
  );
  const { users, count } = room.presence;
  // Held here rather than in each message, so that ArrowUp in the composer can open the editor
  // and closing it can give the composer its focus back.
  const [editingId, setEditingId] = useState<number | null>(null);
  const composerBox = useRef<HTMLTextAreaElement>(null);
  const editor = useMemo<Editing>(
    () => ({
      id: editingId,
      start: setEditingId,
      done: () => {
        setEditingId(null);
        composerBox.current?.focus();
      },
    }),
    [editingId],
  );
  const messages = room.messages;
  const knownNames = useKnownNames(useMemo(() => messages.map((m) => m.body), [messages]));
  const [atBottom, setAtBottom] = useState(true);
  useReadReporter({ slug, newestId: messages[messages.length - 1]?.id ?? 0, atBottom });
  const newest = messages.at(-1)?.id;
  const { onNewest } = props;
  useEffect(() => {
    if (newest !== undefined) onNewest?.(newest);
  }, [newest, onNewest]);
  const editLast = useCallback(() => {
    const last = props.actions ? lastOwnMessage(messages, me.id) : null;
    if (last) setEditingId(last.id);
    return last !== null;
  }, [messages, me.id, props.actions]);
  return (
    <div className="flex min-h-0 flex-1">
      <div ref={column} className="flex min-w-0 flex-1 flex-col">
        <ConnectionBanner status={room.status} problem={room.problem} />
        <details className="border-b border-zinc-200 px-4 py-1 text-sm lg:hidden dark:border-zinc-800">
          <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">
            {t("presence.here", { count })}
          </summary>
          <ul className="flex flex-wrap gap-x-3 py-1">
            {users.map((u) => (
              <li key={u.id} className="user-text min-w-0">
                {u.name}
              </li>
            ))}
            {count > users.length && <li>{t("presence.more", { count: count - users.length })}</li>}
          </ul>
        </details>
        {unread.barShown && unread.boundary && (
          <JumpToUnread
            boundary={unread.boundary}
            seeking={unread.seeking}
            onJump={unread.jump}
            onDismiss={unread.dismiss}
          />
        )}
        <KnownNamesProvider value={knownNames}>
          <MessageList
            messages={room.messages}
            pending={room.pending}
            myName={me.name}
            viewer={viewer}
            editor={editor}
            hasOlder={room.hasOlder}
            loadingOlder={room.loadingOlder}
            onLoadOlder={room.loadOlder}
            onRetry={room.retry}
            onDiscard={room.discard}
            unreadAt={unread.dividerAt}
            onUnreadSeen={unread.onSeen}
            onAtBottom={setAtBottom}
          />
        </KnownNamesProvider>
        {/* Always in the page, so a screen reader hears what a jump to a message is doing. */}
        <p role="status" className="px-4 text-sm text-zinc-600 empty:hidden dark:text-zinc-400">
          {jump.status === "finding"
            ? r("finding")
            : jump.status === "not-found"
              ? r("notFound")
              : null}
        </p>
        <TypingIndicator typists={room.typists} />
        <Composer
          onSend={sendWithReply}
          replyingTo={canPost ? replyingTo : null}
          onCancelReply={() => setReplyingTo(null)}
          onTyping={room.typing}
          onEditLast={editLast}
          draftKey={draftKey(me.id, slug)}
          mentionsIn={slug}
          inputRef={composerBox}
          disabled={stopped || props.cannotPost !== null}
          disabledReason={
            stopped
              ? room.problem
                ? problemText(room.problem)
                : t("connection.disconnected")
              : (props.cannotPost ?? "")
          }
          notice={props.notice}
        />
      </div>
      <aside className="hidden w-60 shrink-0 border-l border-zinc-200 lg:block dark:border-zinc-800">
        <PresenceList presence={room.presence} connected={room.status === "open"} />
      </aside>
    </div>
  );
}
