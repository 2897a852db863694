import { getTranslations } from "next-intl/server";
import { DURATIONS } from "@/app/_lib/moderation/durations";
import { inputClass } from "./action-form";

/** The length of a ban or mute. */
export async function DurationSelect({ label }: { label: string }) {
  const t = await getTranslations();
  return (
    <select name="duration" aria-label={label} defaultValue="24h" className={inputClass}>
      {Object.entries(DURATIONS).map(([value, d]) => (
        <option key={value} value={value}>
          {t(d.label)}
        </option>
      ))}
    </select>
  );
}
