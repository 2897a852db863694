import type { UserEvent } from "@/party/protocol";

/**
 * Code outside the sidebar that reacts to the person's own room (an in-page mention notice, for
 * one) adds itself here; the unread provider calls each with every event, after the counts have
 * taken it in. Components can also subscribe while mounted with `useUserEvents`.
 */
export const userEventHandlers: ((event: UserEvent) => void)[] = [];
