import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { commonSecurityHeaders, STRICT_TRANSPORT_SECURITY } from "./app/_lib/security-headers";

const nextConfig: NextConfig = {
  // The password hasher is a native addon: keep it out of the server bundle. web-push is plain
  // Node (https, crypto) and loads as it is.
  serverExternalPackages: ["@node-rs/argon2", "web-push"],
  poweredByHeader: false,
  // The widget loader's route reads its hand-written source at run time: ship the file with it.
  outputFileTracingIncludes: { "/widget.js": ["./components/widget-loader/loader.js"] },
  // `next dev` serves its dev resources only to localhost unless told otherwise; the site should
  // also work when opened as http://127.0.0.1:3000.
  allowedDevOrigins: ["127.0.0.1"],
  // forbidden() answers 403 for pages a signed-in user may not open (the admin pages).
  experimental: { authInterrupts: true },
  // A build that does not type-check must not ship, whoever runs it (a deployer's `next build`
  // on Vercel does not run `npm test` first).
  typescript: { ignoreBuildErrors: false },
  // Every response, static files and API routes included. The page policy (CSP) needs a nonce per
  // request, so proxy.ts sends that one.
  async headers() {
    const rules: Awaited<ReturnType<NonNullable<NextConfig["headers"]>>> = [
      { source: "/:path*", headers: commonSecurityHeaders() },
      // The service worker: always revalidated (a fix reaches every browser on its next visit),
      // and it may fetch nothing and run nothing but itself.
      {
        source: "/sw.js",
        headers: [
          { key: "Cache-Control", value: "no-cache" },
          { key: "Content-Security-Policy", value: "default-src 'none'" },
        ],
      },
    ];
    // Production only, and only when the request came over https (Vercel and other proxies say so
    // in x-forwarded-proto): HSTS over http is ignored anyway, and a local run must not pin
    // 127.0.0.1 to https.
    if (process.env.NODE_ENV === "production") {
      rules.push({
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [STRICT_TRANSPORT_SECURITY],
      });
    }
    return rules;
  },
};

// The language comes from the account, a cookie or Accept-Language (never the URL): see the file.
const withNextIntl = createNextIntlPlugin("./app/_i18n/request.ts");

export default withNextIntl(nextConfig);
