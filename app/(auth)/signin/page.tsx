import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/signin-form";
import { LanguageSelect } from "@/components/i18n/language-select";
import { isConnectionError } from "@/db";
import { setLanguageAction } from "../../_i18n/actions";
import { safeCallbackPath } from "../../_lib/callback-url";
import { getCurrentUser } from "../../_lib/session";
import { usernameSchema } from "../schemas";
import { signInWithPassword } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("auth.signIn");
  return { title: t("title") };
}

type Props = {
  searchParams: Promise<{
    callbackUrl?: string | string[];
    error?: string;
    created?: string;
    username?: string;
  }>;
};

// Only a path is kept from the callback (see safeCallbackPath), so the base is a placeholder.
const PATH_ONLY = "http://callback.invalid";

async function signedIn(): Promise<boolean> {
  try {
    return (await getCurrentUser()) !== null;
  } catch (error) {
    // With the database away, show the form: signing in will say what is wrong.
    if (isConnectionError(error)) return false;
    throw error;
  }
}

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl, error, created, username } = await searchParams;
  const callbackPath = safeCallbackPath(
    Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl,
    PATH_ONLY,
  );
  // Set by sign-up when it ran without script: the account exists, the person signs in here.
  const newAccount = created === "1" ? usernameSchema.safeParse(username) : null;
  if (await signedIn()) redirect(callbackPath);
  const t = await getTranslations("auth.signIn");
  return (
    <AuthCard
      title={t("title")}
      corner={<LanguageSelect action={setLanguageAction} />}
      footer={
        <>
          {t("signUpQuestion")}{" "}
          <Link
            href="/signup"
            className="font-medium text-indigo-700 underline dark:text-indigo-300"
          >
            {t("signUpLink")}
          </Link>
        </>
      }
    >
      <SignInForm
        action={signInWithPassword}
        callbackPath={callbackPath}
        initialError={typeof error === "string" ? error : undefined}
        notice={newAccount?.success ? t("accountCreated") : undefined}
        defaultUsername={newAccount?.success ? newAccount.data : undefined}
        github={Boolean(process.env.GITHUB_ID && process.env.GITHUB_SECRET)}
      />
    </AuthCard>
  );
}
