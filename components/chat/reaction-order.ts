import type { ReactionEvent } from "@/party/protocol";

/**
 * Puts live reaction events back in order by their version. Two people toggling the same emoji
 * at once send two room commands that can arrive in either order; applied as they come, the
 * older count would be left on the page. A chip's count follows only the newest version seen
 * for it; an older event still says who reacted (a fact the newer count already includes), so
 * its user change is kept unless that same user's newer change was seen.
 */
export class ReactionOrder {
  /** Newest version applied per chip (`message:emoji`) and per reactor (`message:emoji:user`). */
  private readonly chips = new Map<string, number>();
  private readonly reactors = new Map<string, number>();

  /**
   * What to apply for `event`, given the chip's count as the page holds it: the event itself,
   * the event with the held count (only its user change is new), or null (nothing is new).
   * Applying the same event again (a replay after a snapshot) gives the same answer.
   */
  admit(event: ReactionEvent, heldCount: number): ReactionEvent | null {
    const { version } = event;
    if (version === undefined) return event;
    const chip = `${event.messageId}:${event.emoji}`;
    const reactor = `${chip}:${event.user.id}`;
    if (version < (this.reactors.get(reactor) ?? -1)) return null;
    this.reactors.set(reactor, version);
    if (version < (this.chips.get(chip) ?? -1)) return { ...event, count: heldCount };
    this.chips.set(chip, version);
    return event;
  }
}
