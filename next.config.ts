import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The password hasher is a native addon: keep it out of the server bundle.
  serverExternalPackages: ["@node-rs/argon2"],
  poweredByHeader: false,
  // `next dev` serves its dev resources only to localhost unless told otherwise; the site should
  // also work when opened as http://127.0.0.1:3000.
  allowedDevOrigins: ["127.0.0.1"],
  // forbidden() answers 403 for pages a signed-in user may not open (the admin pages).
  experimental: { authInterrupts: true },
  // A build that does not type-check must not ship, whoever runs it (a deployer's `next build`
  // on Vercel does not run `npm test` first).
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
