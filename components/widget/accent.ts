/**
 * Text colour for the site's accent colour: black or white, whichever contrasts more (WCAG
 * relative luminance), so a light accent an admin picks never makes the button unreadable.
 */
export function textOn(hex: string): "#000000" | "#ffffff" {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return "#ffffff";
  const [r, g, b] = [m[1], m[2], m[3]].map((part) => {
    const c = Number.parseInt(part ?? "0", 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white: 1.05 / (L + 0.05); with black: (L + 0.05) / 0.05.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? "#ffffff" : "#000000";
}

/** A valid #rrggbb accent, or the default blue. */
export function accentOrDefault(hex: string): string {
  return /^#[0-9a-f]{6}$/i.test(hex) ? hex : "#2563eb";
}
