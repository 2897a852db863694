import Link from "next/link";

export default function ChannelNotFound() {
  return (
    <div className="p-6">
      <h1 className="text-lg font-semibold">No such channel</h1>
      <p className="mt-1 text-zinc-600 dark:text-zinc-400">
        It may have been renamed or archived.{" "}
        <Link href="/" className="text-indigo-700 underline dark:text-indigo-300">
          See all channels
        </Link>
        .
      </p>
    </div>
  );
}
