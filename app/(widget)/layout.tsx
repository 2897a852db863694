import type { ReactNode } from "react";

/**
 * The support widget's pages: no member navigation, nothing of the signed-in shell. The page
 * fills the iframe the loader opens.
 */
export default function WidgetLayout({ children }: { children: ReactNode }) {
  return <div className="flex h-dvh flex-col">{children}</div>;
}
