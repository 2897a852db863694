import type { PresenceUser } from "@/party/protocol";
import { Avatar } from "./avatar";

/** Who has the channel open right now, as the room reports it. */
export function PresenceList({ users, connected }: { users: PresenceUser[]; connected: boolean }) {
  return (
    <section aria-labelledby="presence-heading" className="p-4">
      <h2
        id="presence-heading"
        className="mb-2 text-xs font-semibold uppercase tracking-wide text-zinc-500"
      >
        Who is here {connected && <span className="font-normal">({users.length})</span>}
      </h2>
      {!connected ? (
        <p className="text-sm text-zinc-500">Connecting…</p>
      ) : (
        <ul aria-label="Who is here" className="space-y-2">
          {users.map((u) => (
            <li
              key={u.id}
              className="flex items-center gap-2 text-sm text-zinc-800 dark:text-zinc-200"
            >
              <Avatar name={u.name} image={u.image} size={24} />
              <span className="truncate">{u.name}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
