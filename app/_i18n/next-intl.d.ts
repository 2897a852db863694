import type { Messages } from "./catalogue";
import type { Locale } from "./locales";

// Typed keys: `t("chat.sendd")` is a compile error, not a raw key on screen.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
