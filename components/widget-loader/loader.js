/*
 * The support widget's loader: the one script a website adds (served as /widget.js by
 * app/widget.js/route.ts, which puts the catalogue's words in place of the placeholder on the
 * last line).
 * Plain modern JavaScript (ES2020), no framework, no eval, no inline style or script: elements
 * are made with the DOM and styled through element.style (CSSOM), which a host page's CSP
 * `style-src` does not govern, so it runs under `script-src <our origin>; frame-src <our origin>`
 * and nothing else.
 *
 * It adds a launcher button and, on first open, an iframe to <our origin>/widget/<site>. The
 * page talks to the chat only through window.Chat and postMessage; the message shapes and who
 * checks what are in app/_lib/support/widget-messages.ts (the zod schemas the iframe uses).
 */
((words) => {
  const script =
    document.currentScript || document.querySelector('script[src*="/widget.js"][data-site]');
  if (!script || window.Chat?.loaded) return;
  const site = script.getAttribute("data-site") || "";
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(site)) {
    console.warn("chat widget: data-site is missing or malformed");
    return;
  }
  const base = new URL(script.src).origin;
  const say = /^zh\b/i.test(navigator.language || "") ? words["zh-CN"] : words.en;
  const SOURCE = "chat-widget";
  const Z = 2147483000;

  let frame = null;
  let ready = false;
  let isOpen = false;
  let queue = [];
  let accent = "#2563eb";
  let unread = 0;

  function css(element, styles) {
    for (const name in styles) element.style[name] = styles[name];
    return element;
  }

  function svgIcon(path) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "28");
    svg.setAttribute("height", "28");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const shape = document.createElementNS(ns, "path");
    shape.setAttribute("d", path);
    shape.setAttribute("fill", "currentColor");
    svg.appendChild(shape);
    return svg;
  }
  const BUBBLE = "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z";
  const CROSS =
    "M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4z";

  const button = css(document.createElement("button"), {
    position: "fixed",
    right: "20px",
    bottom: "20px",
    width: "56px",
    height: "56px",
    padding: "0",
    border: "0",
    borderRadius: "50%",
    background: accent,
    color: "#ffffff",
    cursor: "pointer",
    boxShadow: "0 4px 14px rgba(0,0,0,.25)",
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    zIndex: String(Z),
  });
  button.type = "button";
  button.setAttribute("aria-expanded", "false");
  const badge = css(document.createElement("span"), {
    position: "absolute",
    top: "-4px",
    right: "-4px",
    minWidth: "20px",
    height: "20px",
    padding: "0 5px",
    borderRadius: "10px",
    background: "#b91c1c",
    color: "#ffffff",
    font: "bold 12px/20px sans-serif",
    display: "none",
  });
  badge.setAttribute("aria-hidden", "true");

  function label() {
    const icon = svgIcon(isOpen ? CROSS : BUBBLE);
    button.replaceChildren(icon, badge);
    button.setAttribute("aria-expanded", String(isOpen));
    button.setAttribute(
      "aria-label",
      isOpen ? say.close : unread > 0 ? say.openUnread.replace("{count}", unread) : say.open,
    );
    badge.textContent = String(unread);
    badge.style.display = unread > 0 && !isOpen ? "block" : "none";
  }

  function post(type, extra) {
    const message = { source: SOURCE, v: 1, type: type };
    for (const key in extra) message[key] = extra[key];
    if (frame && ready) frame.contentWindow.postMessage(message, base);
    else queue.push(message);
  }

  function makeFrame() {
    frame = css(document.createElement("iframe"), {
      position: "fixed",
      right: "20px",
      bottom: "88px",
      width: "370px",
      height: "560px",
      maxWidth: "calc(100% - 40px)",
      maxHeight: "calc(100% - 108px)",
      border: "0",
      borderRadius: "12px",
      boxShadow: "0 8px 30px rgba(0,0,0,.3)",
      background: "#ffffff",
      zIndex: String(Z),
    });
    frame.title = say.frameTitle;
    // Always send the host page's origin as the Referer, whatever the page's own policy: the
    // chat page checks it against the `origin` below.
    frame.referrerPolicy = "origin";
    frame.src =
      base +
      "/widget/" +
      encodeURIComponent(site) +
      "?origin=" +
      encodeURIComponent(location.origin) +
      "&page=" +
      encodeURIComponent(location.href.slice(0, 1000));
    document.body.appendChild(frame);
  }

  window.addEventListener("message", (event) => {
    const data = event.data;
    if (!frame || event.source !== frame.contentWindow || event.origin !== base) return;
    if (!data || data.source !== SOURCE || data.v !== 1) return;
    if (data.type === "ready") {
      ready = true;
      if (typeof data.accent === "string" && /^#[0-9a-f]{6}$/i.test(data.accent)) {
        accent = data.accent;
        button.style.background = accent;
      }
      const pending = queue;
      queue = [];
      for (let i = 0; i < pending.length; i++) frame.contentWindow.postMessage(pending[i], base);
    } else if (data.type === "close") {
      close();
      button.focus();
    } else if (data.type === "unread" && typeof data.count === "number") {
      unread = Math.max(0, Math.min(9999, Math.floor(data.count)));
      label();
    } else if (data.type === "identity") {
      script.dispatchEvent(
        new CustomEvent("chat:identity", {
          detail: { verified: data.verified === true, reason: data.reason },
        }),
      );
    }
  });

  function open() {
    if (!frame) makeFrame();
    frame.style.display = "block";
    isOpen = true;
    unread = 0;
    label();
    post("open");
  }

  function close() {
    if (frame) frame.style.display = "none";
    if (isOpen) post("close");
    isOpen = false;
    label();
  }

  button.addEventListener("click", () => {
    if (isOpen) close();
    else open();
  });

  const api = {
    loaded: true,
    open: open,
    close: close,
    /** A JWT signed by the site's server (HS256, the site's secret); see the README. */
    identify: (token) => {
      if (typeof token === "string" && token) post("identify", { token: token });
    },
    /** The visitor logged out of the site: forget the identity (and a queued one). */
    reset: () => {
      queue = queue.filter((m) => m.type !== "identify");
      post("reset");
    },
  };

  // Calls made before this script ran, by pages using the stub from the README.
  const early = Array.isArray(window.Chat?.q) ? window.Chat.q : [];
  window.Chat = api;
  label();
  function mount() {
    document.body.appendChild(button);
    for (let i = 0; i < early.length; i++) {
      const call = early[i];
      if (call && typeof api[call[0]] === "function" && call[0] !== "loaded")
        api[call[0]].apply(null, Array.prototype.slice.call(call, 1));
    }
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})(__WIDGET_WORDS__);
