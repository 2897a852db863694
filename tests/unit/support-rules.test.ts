import { describe, expect, it } from "vitest";
import { canOpenConversation, mayTouchMessage } from "@/app/_lib/support/access";
import { conversationVerdict } from "@/app/_lib/support/conversation-posting";
import { STARTS_PER_ADDRESS, STARTS_PER_VISITOR, startRefusal } from "@/app/_lib/support/limits";
import { textOn } from "@/components/widget/accent";
import { seenLine } from "@/components/widget/seen";
import { widgetFetch } from "@/components/widget/widget-fetch";
import type { ChatMessage } from "@/party/protocol";

const conversation = { visitorId: 10, siteId: 1 };
const member = { id: 2, role: "member" as const, visitorSiteId: null };
const agent = { id: 3, role: "agent" as const, visitorSiteId: null };
const admin = { id: 4, role: "admin" as const, visitorSiteId: null };
const visitor = { id: 10, role: "member" as const, visitorSiteId: 1 };

describe("who may open a conversation", () => {
  it("lets its visitor and people who answer support in, nobody else", () => {
    expect(canOpenConversation(visitor, conversation)).toBe(true);
    expect(canOpenConversation(agent, conversation)).toBe(true);
    expect(canOpenConversation(admin, conversation)).toBe(true);
    expect(canOpenConversation(member, conversation)).toBe(false);
    expect(canOpenConversation({ ...visitor, id: 11 }, conversation)).toBe(false);
    // The same id on another site is not the same visitor.
    expect(canOpenConversation({ ...visitor, visitorSiteId: 2 }, conversation)).toBe(false);
    // A visitor row never answers support, whatever its role says.
    expect(canOpenConversation({ id: 12, role: "admin", visitorSiteId: 1 }, conversation)).toBe(
      false,
    );
  });

  it("keeps message actions off a conversation's messages and visitors off channels", () => {
    const inConversation = {
      channelKind: "conversation" as const,
      conversationVisitorId: 10,
      conversationSiteId: 1,
    };
    const inChannel = {
      channelKind: "channel" as const,
      conversationVisitorId: null,
      conversationSiteId: null,
    };
    expect(mayTouchMessage(member, inConversation)).toBe(false);
    expect(mayTouchMessage(agent, inConversation)).toBe(true);
    expect(mayTouchMessage(member, inChannel)).toBe(true);
    expect(mayTouchMessage(visitor, inChannel)).toBe(false);
    expect(mayTouchMessage(agent, { ...inConversation, conversationVisitorId: null })).toBe(false);
  });
});

describe("posting in a conversation", () => {
  const open = { visitorId: 10, status: "open" as const, verified: false, requireVerified: false };
  it("allows the visitor and agents, refuses members, closed and unverified", () => {
    expect(conversationVerdict({ author: visitor, conversation: open })).toBeNull();
    expect(conversationVerdict({ author: agent, conversation: open })).toBeNull();
    expect(conversationVerdict({ author: member, conversation: open })).toEqual({
      reason: "invalid",
    });
    expect(
      conversationVerdict({ author: agent, conversation: { ...open, status: "closed" } }),
    ).toEqual({
      reason: "closed",
    });
    const strict = { ...open, requireVerified: true };
    expect(conversationVerdict({ author: visitor, conversation: strict })).toEqual({
      reason: "invalid",
    });
    expect(
      conversationVerdict({ author: visitor, conversation: { ...strict, verified: true } }),
    ).toBeNull();
    // The agent's answer is not held back by the visitor's missing proof.
    expect(conversationVerdict({ author: agent, conversation: strict })).toBeNull();
  });
  it("refuses a visitor in a community channel", () => {
    expect(conversationVerdict({ author: visitor, conversation: null })).toEqual({
      reason: "invalid",
    });
    expect(conversationVerdict({ author: member, conversation: null })).toBeNull();
  });
});

describe("start limits", () => {
  it("refuses past the per-visitor and per-address counts", () => {
    expect(startRefusal({ byAddress: 0, byVisitor: 0 })).toBeNull();
    expect(
      startRefusal({ byAddress: STARTS_PER_ADDRESS - 1, byVisitor: STARTS_PER_VISITOR - 1 }),
    ).toBeNull();
    expect(startRefusal({ byAddress: STARTS_PER_ADDRESS, byVisitor: 0 })).toEqual({
      reason: "too_many_from_address",
    });
    expect(startRefusal({ byAddress: 0, byVisitor: STARTS_PER_VISITOR })).toEqual({
      reason: "too_many_from_visitor",
    });
  });
});

describe("widget requests", () => {
  it("maps the room client's member paths to the widget's routes, with the fallback header", async () => {
    const seen: { url: string; header: string | null }[] = [];
    const embedders: (string | null)[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = (async (url: string, init?: RequestInit) => {
      seen.push({ url, header: new Headers(init?.headers).get("x-visitor-session") });
      embedders.push(new Headers(init?.headers).get("x-chat-embedder"));
      return new Response("{}");
    }) as typeof fetch;
    try {
      const f = widgetFetch("k1", () => "tok");
      await f("/api/party/token?channel=conv-1");
      await f("/api/channels/conv-1/messages?after=3");
      await widgetFetch("k1", () => null)("/api/channels/conv-1/changes?since=x");
      await widgetFetch("k1", () => null, "https://shop.example")("/api/widget/k1/state?channel=c");
    } finally {
      globalThis.fetch = original;
    }
    expect(seen).toEqual([
      { url: "/api/widget/k1/token?channel=conv-1", header: "tok" },
      { url: "/api/widget/k1/channels/conv-1/messages?after=3", header: "tok" },
      { url: "/api/widget/k1/channels/conv-1/changes?since=x", header: null },
      { url: "/api/widget/k1/state?channel=c", header: null },
    ]);
    expect(embedders).toEqual([null, null, null, "https://shop.example"]);
  });
});

describe("the visitor's page", () => {
  const message = (id: number, authorId: number): ChatMessage => ({
    id,
    channelId: 1,
    clientId: "00000000-0000-4000-8000-000000000000",
    body: "x",
    createdAt: new Date(0).toISOString(),
    editedAt: null,
    author: { id: authorId, name: "n", image: null, role: "member" },
  });
  it("says Seen under the visitor's last message once an agent has read it", () => {
    expect(seenLine([message(1, 10)], 10, 0)).toBe(false);
    expect(seenLine([message(1, 10)], 10, 1)).toBe(true);
    expect(seenLine([message(1, 10), message(2, 3)], 10, 2)).toBe(false);
    expect(seenLine([], 10, 5)).toBe(false);
  });
  it("picks readable text on the site's accent colour", () => {
    expect(textOn("#2563eb")).toBe("#ffffff");
    expect(textOn("#fde047")).toBe("#000000");
    expect(textOn("bogus")).toBe("#ffffff");
  });
});
