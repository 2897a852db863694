import "server-only";
import {
  type ConversationRecord,
  countConversationsStarted,
  createConversation,
  findOpenConversationOfExternal,
  findOpenConversationOfVisitor,
  updateVisitorDetails,
} from "@/db/queries/conversations";
import {
  addressBannedUntil,
  createVisitor,
  findVisitor,
  setVisitorName,
} from "@/db/queries/visitors";
import type { Site, User } from "@/db/schema";
import { isBanned } from "../restrictions";
import { START_WINDOW_MS, startRefusal } from "./limits";
import { verifySiteVisitorToken } from "./visitor-identity";

export type StartInput = {
  site: Site;
  /** The visitor the session names, if any (already checked to belong to this site). */
  visitor: User | null;
  name: string;
  email: string;
  pageUrl: string;
  address: string;
  /** A verified identity token from the site's own server (Chat.identify), if given. */
  identityToken?: string | null;
  now?: number;
};

export type StartRefusalCode =
  | "site_closed"
  | "banned"
  | "bad_identity"
  | "verification_required"
  | "too_many_from_address"
  | "too_many_from_visitor";

export type StartResult =
  | { ok: true; conversation: ConversationRecord; visitor: User; created: boolean }
  | { ok: false; reason: StartRefusalCode; until?: Date };

/**
 * Starts the visitor's conversation on a site, or resumes their open one. A verified identity
 * resumes the open conversation of the same site user (`sub`) even from another browser, and
 * that conversation's visitor becomes this session's. A site that requires verified identity
 * starts nothing without a valid token. Bans (the address on this site, the visitor row) and the
 * start limits per address and per visitor are checked before anything is written.
 */
export async function startOrResume(input: StartInput): Promise<StartResult> {
  const { site } = input;
  const now = input.now ?? Date.now();
  if (site.archivedAt) return { ok: false, reason: "site_closed" };
  const addressBan = await addressBannedUntil({
    siteId: site.id,
    address: input.address,
    now: new Date(now),
  });
  if (addressBan) return { ok: false, reason: "banned", until: addressBan };
  if (input.visitor && isBanned(input.visitor, now)) {
    return { ok: false, reason: "banned", until: input.visitor.bannedUntil ?? undefined };
  }

  const verified = input.identityToken
    ? await verifySiteVisitorToken(site, input.identityToken, now)
    : null;
  if (verified && !verified.ok) return { ok: false, reason: "bad_identity" };
  const identity = verified?.ok ? verified : null;
  if (site.requireVerified && !identity) return { ok: false, reason: "verification_required" };
  const name = (identity?.name || input.name).trim().slice(0, 80);
  const email = (identity?.email || input.email).trim().slice(0, 255);

  if (identity) {
    const theirs = await findOpenConversationOfExternal({
      siteId: site.id,
      externalId: identity.sub,
    });
    const owner = theirs ? await findVisitor({ id: theirs.visitorId, siteId: site.id }) : null;
    if (theirs && owner) {
      if (isBanned(owner, now))
        return { ok: false, reason: "banned", until: owner.bannedUntil ?? undefined };
      return { ok: true, conversation: theirs, visitor: owner, created: false };
    }
  }
  if (input.visitor) {
    const open = await findOpenConversationOfVisitor({
      siteId: site.id,
      visitorId: input.visitor.id,
    });
    // An anonymous conversation is not taken over by a verified identity: that one starts anew.
    if (open && (!identity || open.externalId === identity.sub)) {
      if (name || email) {
        await updateVisitorDetails({
          channelId: open.channelId,
          ...(name ? { visitorName: name } : {}),
          ...(email ? { visitorEmail: email } : {}),
        });
      }
      return { ok: true, conversation: open, visitor: input.visitor, created: false };
    }
  }

  const counts = input.visitor
    ? await countConversationsStarted({
        siteId: site.id,
        address: input.address,
        visitorId: input.visitor.id,
        since: new Date(now - START_WINDOW_MS),
      })
    : await countConversationsStarted({
        siteId: site.id,
        address: input.address,
        visitorId: 0,
        since: new Date(now - START_WINDOW_MS),
      });
  const refusal = startRefusal(counts);
  if (refusal) return { ok: false, reason: refusal.reason };

  let visitor = input.visitor;
  if (!visitor) {
    visitor = await createVisitor({ siteId: site.id, displayName: name || "Visitor" });
  } else if (name && name !== visitor.displayName) {
    await setVisitorName({ id: visitor.id, displayName: name });
    visitor = { ...visitor, displayName: name };
  }
  const conversation = await createConversation({
    siteId: site.id,
    visitorId: visitor.id,
    visitorName: name,
    visitorEmail: email,
    verified: identity !== null,
    externalId: identity?.sub ?? null,
    pageUrl: input.pageUrl,
    visitorAddress: input.address,
  });
  return { ok: true, conversation, visitor, created: true };
}
