"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useMemo, useState } from "react";
import { Composer } from "@/components/chat/composer";
import { ConnectionBanner } from "@/components/chat/connection-banner";
import { draftKey } from "@/components/chat/drafts";
import type { Editing } from "@/components/chat/message-item";
import { MessageList } from "@/components/chat/message-list";
import { useProblemText } from "@/components/chat/problem-text";
import { TypingIndicator } from "@/components/chat/typing-indicator";
import { useChannelRoom } from "@/components/chat/use-channel-room";
import { seenLine } from "./seen";
import type { WidgetConversation, WidgetLiveState } from "./types";
import { unseenAnswers } from "./unseen";
import type { EmailAction } from "./widget-app";
import { STATE_POLL_MS, widgetFetch, widgetStatePath } from "./widget-fetch";

const NO_EDITING: Editing = { id: null, start: () => {}, done: () => {} };

type Props = {
  siteKey: string;
  partyHost: string;
  conversation: WidgetConversation;
  fallbackToken: () => string | null;
  /** The embedding page's origin (the loader's ?origin=), sent with every API call. */
  embedder: string | null;
  saveEmail: EmailAction;
  onNewConversation: () => void;
  /** Whether the host page shows the panel now (the loader says open/close). */
  visible: boolean;
  /** Answers arrived that the hidden panel did not show: the launcher's badge. */
  onUnseen: (count: number) => void;
};

/**
 * The visitor's live conversation: the channel page's own room client, message list, typing line
 * and composer, reached through the widget's routes. Visitors get no message menu (no edit,
 * delete or reactions): a support conversation is a transcript.
 */
export function WidgetChat(props: Props) {
  const { siteKey, conversation } = props;
  const t = useTranslations("widget.chat");
  const problemText = useProblemText();
  const { fallbackToken, embedder } = props;
  const fetcher = useMemo(
    () => widgetFetch(siteKey, fallbackToken, embedder),
    [siteKey, fallbackToken, embedder],
  );
  const room = useChannelRoom({
    slug: conversation.slug,
    partyHost: props.partyHost,
    me: conversation.visitorId,
    initial: conversation.initial,
    initialHasOlder: conversation.initialHasOlder,
    syncedAt: conversation.syncedAt,
    fetch: fetcher,
  });
  const [live, setLive] = useState<WidgetLiveState>({
    agentSeenId: conversation.agentSeenId,
    status: conversation.status,
    agentsOnline: conversation.agentsOnline,
  });
  const connected = room.status === "open";
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      try {
        const response = await fetcher(widgetStatePath(siteKey, conversation.slug));
        if (!response.ok || stopped) return;
        const polled = (await response.json()) as WidgetLiveState;
        setLive((was) => ({
          ...polled,
          agentSeenId: Math.max(was.agentSeenId, polled.agentSeenId),
        }));
      } catch {
        // Offline for a moment: the next poll tries again.
      }
    };
    const timer = setInterval(poll, STATE_POLL_MS);
    // Also once per (re)connect: what changed while the socket was away.
    if (connected) void poll();
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [fetcher, siteKey, conversation.slug, connected]);
  const { onFrame } = room;
  useEffect(
    () =>
      onFrame((frame) => {
        if (frame.type !== "conversation") return;
        setLive((was) => ({
          ...was,
          status: frame.state.status,
          agentSeenId: Math.max(was.agentSeenId, frame.state.agentSeenId),
        }));
      }),
    [onFrame],
  );

  const viewer = useMemo(
    () => ({ id: conversation.visitorId, moderator: false, actions: null }),
    [conversation.visitorId],
  );
  const seen = seenLine(room.messages, conversation.visitorId, live.agentSeenId);

  // What the panel showed last while visible; answers after it, while hidden, are unseen.
  const newestId = room.messages.at(-1)?.id ?? 0;
  const [shownUpTo, setShownUpTo] = useState(newestId);
  const { visible, onUnseen } = props;
  useEffect(() => {
    if (visible) setShownUpTo(newestId);
  }, [visible, newestId]);
  const unseen = visible ? 0 : unseenAnswers(room.messages, conversation.visitorId, shownUpTo);
  useEffect(() => onUnseen(unseen), [unseen, onUnseen]);
  const [email, emailAction] = useActionState(props.saveEmail, null);
  const closed = live.status === "closed";
  const stopped = room.status === "stopped";
  return (
    <section aria-label={t("label")} className="flex min-h-0 flex-1 flex-col">
      <ConnectionBanner status={room.status} problem={room.problem} />
      <MessageList
        messages={room.messages}
        pending={room.pending}
        myName={conversation.visitorName}
        viewer={viewer}
        editor={NO_EDITING}
        hasOlder={room.hasOlder}
        loadingOlder={room.loadingOlder}
        onLoadOlder={room.loadOlder}
        onRetry={room.retry}
        onDiscard={room.discard}
      />
      <p
        role="status"
        className="px-4 text-right text-xs text-zinc-600 empty:hidden dark:text-zinc-400"
      >
        {seen ? t("seen") : null}
      </p>
      {!live.agentsOnline && !closed && (
        <div className="border-t border-zinc-200 px-4 py-2 text-sm dark:border-zinc-800">
          <p>{t("offline")}</p>
          {email?.ok ? (
            <p role="status">{t("emailSaved", { email: email.email })}</p>
          ) : (
            <form action={emailAction} className="mt-1 flex gap-2">
              <input type="hidden" name="slug" value={conversation.slug} />
              <label className="flex flex-1 flex-col">
                <span className="sr-only">{t("emailLabel")}</span>
                <input
                  name="email"
                  type="email"
                  required
                  maxLength={255}
                  defaultValue={conversation.visitorEmail}
                  placeholder={t("emailLabel")}
                  className="rounded border border-zinc-400 bg-white px-2 py-1 text-zinc-900 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100"
                />
              </label>
              <button
                type="submit"
                className="rounded border border-zinc-400 px-3 py-1 dark:border-zinc-600"
              >
                {t("emailSave")}
              </button>
            </form>
          )}
          {email && !email.ok && (
            <p role="alert" className="text-red-700 dark:text-red-400">
              {t("emailInvalid")}
            </p>
          )}
        </div>
      )}
      {closed && (
        <div className="border-t border-zinc-200 px-4 py-2 text-sm dark:border-zinc-800">
          <p>{t("closed")}</p>
          <button type="button" className="underline" onClick={props.onNewConversation}>
            {t("newConversation")}
          </button>
        </div>
      )}
      <TypingIndicator typists={room.typists} />
      <Composer
        onSend={(body) => room.send(body)}
        onTyping={room.typing}
        draftKey={draftKey(conversation.visitorId, conversation.slug)}
        disabled={stopped || closed}
        disabledReason={
          closed ? t("closed") : stopped && room.problem ? problemText(room.problem) : ""
        }
      />
    </section>
  );
}
