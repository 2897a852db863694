// The chat's service worker: it only shows web push notifications and opens the chat when one
// is clicked. Plain JS served as is from the site's root, so its scope is the whole site.

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

/** A same-origin URL from a push's `url`, or the site's root for anything else. */
function sameOriginUrl(raw) {
  try {
    const url = new URL(typeof raw === "string" ? raw : "/", self.location.origin);
    return url.origin === self.location.origin ? url.href : self.location.origin + "/";
  } catch {
    return self.location.origin + "/";
  }
}

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  const title = typeof data.title === "string" ? data.title : "Chat";
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof data.body === "string" ? data.body : "",
      // One notification per channel: a digest replaces the single mention before it.
      tag: typeof data.tag === "string" ? data.tag : "chat",
      renotify: true,
      data: { url: sameOriginUrl(data.url) },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = sameOriginUrl(event.notification.data?.url);
  event.waitUntil(
    (async () => {
      const open = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      // A tab already on that channel, else any tab of the chat, else a new one.
      const exact = open.find((client) => client.url === target);
      const any =
        exact || open.find((client) => new URL(client.url).origin === self.location.origin);
      if (any) {
        const focused = await any.focus();
        if (!exact && "navigate" in focused) await focused.navigate(target);
        return;
      }
      await self.clients.openWindow(target);
    })(),
  );
});
