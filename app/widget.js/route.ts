import { loaderScript } from "../_lib/support/loader-script";

/**
 * GET /widget.js: the support widget's loader, for any website. Generic (the site's key is read
 * from the script tag by the loader itself), so it is public and cacheable; the chat page it opens
 * checks the site and the embedding origin. Short max-age so a fix reaches every site within
 * minutes; the ETag makes the revalidation a 304.
 */
export function GET(request: Request): Response {
  const { body, etag } = loaderScript();
  const headers = {
    "content-type": "text/javascript; charset=utf-8",
    "cache-control": "public, max-age=300",
    etag,
    // Loaded by other sites' pages: allowed under their Cross-Origin-Embedder-Policy too.
    "cross-origin-resource-policy": "cross-origin",
  };
  const match = request.headers.get("if-none-match");
  if (match?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(body, { status: 200, headers });
}
