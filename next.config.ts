import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The password hasher is a native addon: keep it out of the server bundle.
  serverExternalPackages: ["@node-rs/argon2"],
  poweredByHeader: false,
};

export default nextConfig;
