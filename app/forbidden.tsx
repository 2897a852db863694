import Link from "next/link";

/** 403: shown when a signed-in user opens a page their role does not allow. */
export default function Forbidden() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-2 p-6 text-center">
      <h1 className="text-2xl font-semibold">403: not allowed</h1>
      <p className="text-zinc-600 dark:text-zinc-400">This page is for moderators and admins.</p>
      <Link href="/" className="text-indigo-700 underline dark:text-indigo-300">
        Back to the channels
      </Link>
    </main>
  );
}
