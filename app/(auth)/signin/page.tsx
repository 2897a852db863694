import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/signin-form";
import { getSessionUser } from "../../_lib/session";

export const metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl, error } = await searchParams;
  if (await getSessionUser()) redirect("/");
  return (
    <AuthCard
      title="Sign in"
      footer={
        <>
          New here?{" "}
          <Link
            href="/signup"
            className="font-medium text-indigo-700 underline dark:text-indigo-300"
          >
            Create an account
          </Link>
        </>
      }
    >
      <SignInForm
        callbackUrl={callbackUrl}
        initialError={error}
        github={Boolean(process.env.GITHUB_ID && process.env.GITHUB_SECRET)}
      />
    </AuthCard>
  );
}
