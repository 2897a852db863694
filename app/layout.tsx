import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return {
    title: { default: t("appName"), template: `%s · ${t("appName")}` },
    description: t("description"),
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

/** The document shell. Rendered per request: see below. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page's scripts carry the nonce of the request's Content-Security-Policy (proxy.ts). A
  // page prerendered at build time (the 404 would be) has no request, so its scripts would carry
  // no nonce and the browser would refuse them; waiting for the request keeps every page dynamic.
  await connection();
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="bg-white font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        {/* Client components read the request's locale and the whole catalogue from here. */}
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
