import "server-only";
import { getFormatter } from "next-intl/server";
import { SERVER_TIME_ZONE } from "../_i18n/translate";

/**
 * Times in the admin tables, in the reader's language but always in UTC: moderators in
 * different zones compare them, and the pages say so next to each time.
 */
export async function getUtcFormat(): Promise<
  (at: Date, precision?: "second" | "minute") => string
> {
  const format = await getFormatter();
  return (at, precision = "second") =>
    format.dateTime(at, {
      dateStyle: "medium",
      timeStyle: precision === "second" ? "medium" : "short",
      timeZone: SERVER_TIME_ZONE,
    });
}
