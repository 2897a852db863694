"use client";

import { useCallback, useRef } from "react";
import { ChannelView } from "@/components/chat/channel-view";
import type { MessageAction, MessageActions } from "@/components/chat/message-actions";
import { callAction } from "@/components/chat/message-actions";
import type { ChatMessage } from "@/party/protocol";

type Props = {
  slug: string;
  partyHost: string;
  me: { id: number; name: string; moderator: boolean };
  actions: MessageActions;
  markSeen: MessageAction;
  initial: ChatMessage[];
  initialHasOlder: boolean;
  syncedAt: string;
  cannotPost: string | null;
};

/**
 * The agent's transcript: the channel page's own view, which also reports the newest message it
 * holds, so the visitor sees "Seen" once the agent's page has it.
 */
export function SupportConversationView(props: Props) {
  const { slug, markSeen } = props;
  const told = useRef(0);
  const onNewest = useCallback(
    (id: number) => {
      if (id <= told.current) return;
      told.current = id;
      void callAction(markSeen, { slug, id });
    },
    [slug, markSeen],
  );
  return (
    <ChannelView
      key={slug}
      slug={slug}
      partyHost={props.partyHost}
      me={props.me}
      actions={props.actions}
      cannotPost={props.cannotPost}
      notice={null}
      initial={props.initial}
      initialHasOlder={props.initialHasOlder}
      syncedAt={props.syncedAt}
      onNewest={onNewest}
    />
  );
}
