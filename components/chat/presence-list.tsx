"use client";

import { useTranslations } from "next-intl";
import { Avatar } from "./avatar";
import type { Presence } from "./use-channel-room";

/** Who has the channel open right now, as the room reports it (a big room names the first few). */
export function PresenceList({ presence, connected }: { presence: Presence; connected: boolean }) {
  const t = useTranslations("chat");
  const { users, count } = presence;
  const others = count - users.length;
  return (
    <section aria-labelledby="presence-heading" className="p-4">
      <h2
        id="presence-heading"
        className="mb-2 text-xs font-semibold uppercase tracking-wide text-zinc-500"
      >
        {t("presence.title")}{" "}
        {connected && <span className="font-normal">{t("presence.count", { count })}</span>}
      </h2>
      {!connected ? (
        <p className="text-sm text-zinc-500">{t("connection.connecting")}</p>
      ) : (
        <ul aria-label={t("presence.title")} className="space-y-2">
          {users.map((u) => (
            <li
              key={u.id}
              className="flex items-center gap-2 text-sm text-zinc-800 dark:text-zinc-200"
            >
              <Avatar name={u.name} image={u.image} size={24} />
              <span className="user-text min-w-0">{u.name}</span>
            </li>
          ))}
          {others > 0 && (
            <li className="text-sm text-zinc-500">{t("presence.more", { count: others })}</li>
          )}
        </ul>
      )}
    </section>
  );
}
