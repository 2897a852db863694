import { DURATIONS } from "@/app/_lib/moderation/durations";
import { inputClass } from "./action-form";

/** The length of a ban or mute. */
export function DurationSelect({ label }: { label: string }) {
  return (
    <select name="duration" aria-label={label} defaultValue="24h" className={inputClass}>
      {Object.entries(DURATIONS).map(([value, d]) => (
        <option key={value} value={value}>
          {d.label}
        </option>
      ))}
    </select>
  );
}
