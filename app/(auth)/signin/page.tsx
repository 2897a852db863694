import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/signin-form";
import { getSessionUser } from "../../_lib/session";
import { usernameSchema } from "../schemas";

export const metadata = { title: "Sign in" };

type Props = {
  searchParams: Promise<{
    callbackUrl?: string;
    error?: string;
    created?: string;
    username?: string;
  }>;
};

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl, error, created, username } = await searchParams;
  // Set by sign-up when it ran without script: the account exists, the person signs in here.
  const newAccount = created === "1" ? usernameSchema.safeParse(username) : null;
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
        notice={newAccount?.success ? "Account created — sign in" : undefined}
        defaultUsername={newAccount?.success ? newAccount.data : undefined}
        github={Boolean(process.env.GITHUB_ID && process.env.GITHUB_SECRET)}
      />
    </AuthCard>
  );
}
