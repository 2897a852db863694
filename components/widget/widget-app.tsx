"use client";

import { useTranslations } from "next-intl";
import {
  type CSSProperties,
  startTransition,
  useActionState,
  useCallback,
  useEffect,
  useRef,
  useState,
} from "react";
import { hostToWidget, toHost } from "@/app/_lib/support/widget-messages";
import { accentOrDefault, textOn } from "./accent";
import { PrechatForm } from "./prechat-form";
import type { StartState, WidgetConversation, WidgetSite } from "./types";
import { WidgetChat } from "./widget-chat";
import {
  readFallbackToken,
  widgetFetch,
  widgetStatePath,
  writeFallbackToken,
} from "./widget-fetch";

export type EmailAction = (
  previous: { ok: boolean; email: string } | null,
  form: FormData,
) => Promise<{ ok: boolean; email: string } | null>;

type Props = {
  site: WidgetSite;
  /** The embedding page's origin: one of the site's, checked by the page (checkWidgetPageOrigin). */
  embedder: string;
  partyHost: string;
  initial: WidgetConversation | null;
  pageUrl: string;
  start: (previous: StartState, form: FormData) => Promise<StartState>;
  reset: () => Promise<void>;
  saveEmail: EmailAction;
};

/**
 * The visitor's side of the widget: the pre-chat form until a conversation exists, then the
 * chat. The session lives in an HttpOnly cookie; when the browser stores none (third-party
 * storage blocked), the start action's token is kept in sessionStorage and sent as a header
 * instead, for as long as the tab lives.
 */
export function WidgetApp(props: Props) {
  const { site } = props;
  const t = useTranslations("widget");
  const [state, startAction, starting] = useActionState(props.start, null);
  const [conversation, setConversation] = useState<WidgetConversation | null>(props.initial);
  const [fallback, setFallback] = useState<string | null>(null);
  const fallbackRef = useRef<string | null>(null);
  fallbackRef.current = fallback;

  // A started (or resumed) conversation from the action. The chat opens only once it is known
  // whether the cookie was kept: without one, its room client must send the tab's token.
  useEffect(() => {
    if (!state?.ok) return;
    let current = true;
    const probe = widgetStatePath(site.key, state.conversation.slug);
    void widgetFetch(
      site.key,
      () => null,
      props.embedder,
    )(probe)
      .then((r) => r.status === 401)
      .catch(() => false)
      .then((noCookie) => {
        if (!current) return;
        const keep = noCookie ? state.sessionToken : null;
        writeFallbackToken(site.key, keep);
        fallbackRef.current = keep;
        setFallback(keep);
        setConversation(state.conversation);
      });
    return () => {
      current = false;
    };
  }, [state, site.key, props.embedder]);

  // Stable, so the chat's fetch (and its polling) is made once per conversation.
  const fallbackToken = useCallback(
    () => fallbackRef.current ?? readFallbackToken(site.key),
    [site.key],
  );

  const startWith = useCallback(
    (fields: Record<string, string>) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      startTransition(() => startAction(form));
    },
    [startAction],
  );

  // A session-only visitor of this tab from before a reload (no cookie): resume their
  // conversation with the token the tab kept.
  const resumed = useRef(false);
  useEffect(() => {
    if (conversation || resumed.current) return;
    const token = readFallbackToken(site.key);
    if (!token) return;
    resumed.current = true;
    setFallback(token);
    startWith({ visitorSession: token, pageUrl: props.pageUrl });
  }, [conversation, site.key, startWith, props.pageUrl]);

  // The loader made the frame to show it; after that it says open and close.
  const [visible, setVisible] = useState(true);
  const { embedder } = props;
  const tellHost = useCallback(
    (message: Parameters<typeof toHost>[0]) => {
      if (window.parent !== window) window.parent.postMessage(toHost(message), embedder);
    },
    [embedder],
  );
  const told = useRef(0);
  const tellUnseen = useCallback(
    (count: number) => {
      if (count === told.current) return;
      told.current = count;
      tellHost({ type: "unread", count: Math.min(count, 9999) });
    },
    [tellHost],
  );

  // What became of the host page's last Chat.identify(token), for its `chat:identity` event.
  const identifying = useRef(false);
  useEffect(() => {
    if (!state || !identifying.current) return;
    identifying.current = false;
    tellHost(
      state.ok
        ? { type: "identity", verified: true }
        : { type: "identity", verified: false, reason: state.reason },
    );
  }, [state, tellHost]);

  const color = accentOrDefault(site.accentColor);
  const mainRef = useRef<HTMLElement>(null);

  // The loader's messages, only from the page that embeds us (one of the site's origins). Once
  // listening, say `ready`: the loader holds identify/open/close until then.
  const { reset, pageUrl } = props;
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== window.parent || event.origin !== embedder) return;
      const parsed = hostToWidget.safeParse(event.data);
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === "identify") {
        identifying.current = true;
        startWith({ identityToken: message.token, pageUrl });
      } else if (message.type === "reset") {
        writeFallbackToken(site.key, null);
        setFallback(null);
        setConversation(null);
        void reset();
      } else if (message.type === "open") {
        setVisible(true);
        // The panel is visible: put the visitor in the first field (the composer or the form).
        mainRef.current?.querySelector<HTMLElement>("textarea, input:not([type=hidden])")?.focus();
      } else {
        setVisible(false);
        // Hidden: keep focus from typing into an invisible panel.
        if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
      }
    };
    window.addEventListener("message", onMessage);
    tellHost({ type: "ready", accent: color });
    return () => window.removeEventListener("message", onMessage);
  }, [embedder, reset, site.key, startWith, pageUrl, color, tellHost]);

  const accent = {
    "--widget-accent": color,
    "--widget-accent-text": textOn(color),
  } as CSSProperties;
  return (
    <main ref={mainRef} className="flex min-h-0 flex-1 flex-col" style={accent}>
      <header className="border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <h1 className="text-base font-semibold">{t("title", { site: site.name })}</h1>
        <p className="user-text text-sm text-zinc-700 dark:text-zinc-300">
          {site.greeting || t("defaultGreeting")}
        </p>
      </header>
      {conversation ? (
        <WidgetChat
          key={conversation.slug}
          siteKey={site.key}
          partyHost={props.partyHost}
          conversation={conversation}
          fallbackToken={fallbackToken}
          embedder={props.embedder}
          saveEmail={props.saveEmail}
          onNewConversation={() => setConversation(null)}
          visible={visible}
          onUnseen={tellUnseen}
        />
      ) : (
        <PrechatForm
          action={startAction}
          pending={starting}
          refusal={state && !state.ok ? state.reason : null}
          pageUrl={props.pageUrl}
        />
      )}
    </main>
  );
}
