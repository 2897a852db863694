import { getRequestConfig } from "next-intl/server";
import { catalogue } from "./catalogue";
import { resolveLocale } from "./resolve-locale";

// next-intl reads this once per request (next.config.ts names this file).
export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return { locale, messages: catalogue(locale) };
});
