/**
 * A website that embeds the widget: a static page with the snippet, served from a second local
 * origin (its own port), as a site owner would paste it. `/strict` sends a strict CSP that allows
 * nothing but our script and our frame.
 */
import { createServer } from "node:http";
import { freePort } from "../support/ports";

/** The policy the strict host page sends: nothing but our script and our frame. */
export const strictPolicy = (app: string) =>
  `default-src 'none'; script-src ${app}; frame-src ${app}; style-src 'none'; img-src 'none'`;

function hostPage(appOrigin: string, key: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
<body><main><h1>A shop</h1><p>Products.</p></main>
<script src="${appOrigin}/widget.js" data-site="${key}" async></script>
</body></html>`;
}

export type HostPage = {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The page embedding site `key`'s widget. */
  url(key: string, path?: "/" | "/strict"): string;
  close(): Promise<void>;
};

export async function startHostPage(appOrigin: string): Promise<HostPage> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", origin);
    const key = url.searchParams.get("site") ?? "";
    const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8" };
    if (url.pathname === "/strict") headers["content-security-policy"] = strictPolicy(appOrigin);
    res.writeHead(200, headers).end(hostPage(appOrigin, key));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    origin,
    url: (key, path = "/") => `${origin}${path}?site=${encodeURIComponent(key)}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
