/** A round avatar: the user's image when they have one, else their initial on a stable colour. */
export function Avatar({
  name,
  image,
  size = 32,
}: {
  name: string;
  image: string | null;
  size?: number;
}) {
  if (image && /^https:\/\//.test(image)) {
    return (
      // biome-ignore lint/performance/noImgElement: remote avatars of any host; next/image would need each host allow-listed.
      <img
        src={image}
        alt=""
        width={size}
        height={size}
        className="shrink-0 rounded-full bg-zinc-200 dark:bg-zinc-700"
        referrerPolicy="no-referrer"
      />
    );
  }
  const hue = [...name].reduce((h, c) => (h * 31 + (c.codePointAt(0) ?? 0)) % 360, 7);
  return (
    <span
      aria-hidden="true"
      style={{ width: size, height: size, backgroundColor: `hsl(${hue} 55% 45%)` }}
      className="inline-flex shrink-0 items-center justify-center rounded-full text-sm font-semibold text-white"
    >
      {([...name.trim()][0] ?? "?").toUpperCase()}
    </span>
  );
}
