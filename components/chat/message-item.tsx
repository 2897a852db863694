"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ChatMessage } from "@/party/protocol";
import { Avatar } from "./avatar";
import type { MessageActions } from "./message-actions";
import { MessageBody } from "./message-body";
import { MessageEditor } from "./message-editor";
import { MessageMenu } from "./message-menu";
import { MessageTime } from "./message-time";

export type Viewer = { id: number; moderator: boolean; actions: MessageActions | null };

/** One stored message. Its body is Markdown (message-body.tsx); HTML in it shows as text. */
export function MessageItem({ message, viewer }: { message: ChatMessage; viewer: Viewer }) {
  const t = useTranslations("chat.message");
  const [editing, setEditing] = useState(false);
  const own = message.author.id === viewer.id;
  const actions = viewer.actions;
  return (
    <li
      className="group flex gap-3 px-4 py-2 hover:bg-zinc-50 dark:hover:bg-zinc-900/60"
      data-message-id={message.id}
    >
      <Avatar name={message.author.name} image={message.author.image} />
      <div className="min-w-0 flex-1">
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
          {message.editedAt && (
            <span className="shrink-0 text-xs text-zinc-500">{t("edited")}</span>
          )}
        </div>
        {editing && actions ? (
          <MessageEditor message={message} actions={actions} onDone={() => setEditing(false)} />
        ) : (
          <MessageBody body={message.body} className="text-zinc-800 dark:text-zinc-200" />
        )}
      </div>
      {actions && (own || viewer.moderator) && !editing && (
        <MessageMenu
          message={message}
          own={own}
          moderator={viewer.moderator}
          actions={actions}
          onEdit={() => setEditing(true)}
        />
      )}
    </li>
  );
}
