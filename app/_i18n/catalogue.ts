/**
 * The message catalogues, one JSON file per area and language (messages/<locale>/<area>.json),
 * so each area's strings sit together and two people editing different areas never collide.
 * English is the reference: the Chinese catalogue must have exactly its keys (a unit test says
 * so, and the type below catches a missing one at build time).
 */

import type { Locale } from "./locales";
import enAdmin from "./messages/en/admin.json";
import enAuth from "./messages/en/auth.json";
import enChat from "./messages/en/chat.json";
import enCommon from "./messages/en/common.json";
import enComposer from "./messages/en/composer.json";
import enDivider from "./messages/en/divider.json";
import enMentions from "./messages/en/mentions.json";
import enNotifications from "./messages/en/notifications.json";
import enReactions from "./messages/en/reactions.json";
import enReplies from "./messages/en/replies.json";
import enSettings from "./messages/en/settings.json";
import enSites from "./messages/en/sites.json";
import enSupport from "./messages/en/support.json";
import enTyping from "./messages/en/typing.json";
import enUnread from "./messages/en/unread.json";
import enWidget from "./messages/en/widget.json";
import enWidgetLoader from "./messages/en/widget-loader.json";
import zhAdmin from "./messages/zh-CN/admin.json";
import zhAuth from "./messages/zh-CN/auth.json";
import zhChat from "./messages/zh-CN/chat.json";
import zhCommon from "./messages/zh-CN/common.json";
import zhComposer from "./messages/zh-CN/composer.json";
import zhDivider from "./messages/zh-CN/divider.json";
import zhMentions from "./messages/zh-CN/mentions.json";
import zhNotifications from "./messages/zh-CN/notifications.json";
import zhReactions from "./messages/zh-CN/reactions.json";
import zhReplies from "./messages/zh-CN/replies.json";
import zhSettings from "./messages/zh-CN/settings.json";
import zhSites from "./messages/zh-CN/sites.json";
import zhSupport from "./messages/zh-CN/support.json";
import zhTyping from "./messages/zh-CN/typing.json";
import zhUnread from "./messages/zh-CN/unread.json";
import zhWidget from "./messages/zh-CN/widget.json";
import zhWidgetLoader from "./messages/zh-CN/widget-loader.json";

const en = {
  common: enCommon,
  auth: enAuth,
  settings: enSettings,
  chat: enChat,
  admin: enAdmin,
  replies: enReplies,
  reactions: enReactions,
  typing: enTyping,
  composer: enComposer,
  mentions: enMentions,
  notifications: enNotifications,
  divider: enDivider,
  sites: enSites,
  widgetLoader: enWidgetLoader,
  unread: enUnread,
  widget: enWidget,
  support: enSupport,
};
export type Messages = typeof en;

const zhCN: Messages = {
  common: zhCommon,
  auth: zhAuth,
  settings: zhSettings,
  chat: zhChat,
  admin: zhAdmin,
  replies: zhReplies,
  reactions: zhReactions,
  typing: zhTyping,
  composer: zhComposer,
  mentions: zhMentions,
  notifications: zhNotifications,
  divider: zhDivider,
  sites: zhSites,
  widgetLoader: zhWidgetLoader,
  unread: zhUnread,
  widget: zhWidget,
  support: zhSupport,
};

const catalogues: Record<Locale, Messages> = { en, "zh-CN": zhCN };

export function catalogue(locale: Locale): Messages {
  return catalogues[locale];
}
