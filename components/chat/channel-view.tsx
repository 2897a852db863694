"use client";

import type { ChatMessage } from "@/party/protocol";
import { Composer } from "./composer";
import { ConnectionBanner } from "./connection-banner";
import { MessageList } from "./message-list";
import { PresenceList } from "./presence-list";
import { useChannelRoom } from "./use-channel-room";

type Props = {
  slug: string;
  partyHost: string;
  me: { id: number; name: string };
  initial: ChatMessage[];
  initialHasOlder: boolean;
};

/** The live part of a channel page: messages, composer and who is here. */
export function ChannelView({ slug, partyHost, me, initial, initialHasOlder }: Props) {
  const room = useChannelRoom({ slug, partyHost, me: me.id, initial, initialHasOlder });
  return (
    <div className="flex min-h-0 flex-1">
      <div className="flex min-w-0 flex-1 flex-col">
        <ConnectionBanner status={room.status} problem={room.problem} />
        <MessageList
          messages={room.messages}
          pending={room.pending}
          myName={me.name}
          hasOlder={room.hasOlder}
          loadingOlder={room.loadingOlder}
          onLoadOlder={room.loadOlder}
          onRetry={room.retry}
          onDiscard={room.discard}
        />
        <Composer
          onSend={room.send}
          disabled={room.status === "stopped"}
          disabledReason={room.problem ?? "Disconnected"}
        />
      </div>
      <aside className="hidden w-60 shrink-0 border-l border-zinc-200 lg:block dark:border-zinc-800">
        <PresenceList users={room.presence} connected={room.status === "open"} />
      </aside>
    </div>
  );
}
