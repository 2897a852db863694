import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/signup-form";
import { getCurrentUser } from "../../_lib/session";
import { signUp } from "../actions";

export async function generateMetadata() {
  const t = await getTranslations("auth.signUp");
  return { title: t("title") };
}

export default async function SignUpPage() {
  if (await getCurrentUser()) redirect("/");
  const t = await getTranslations("auth.signUp");
  return (
    <AuthCard
      title={t("heading")}
      footer={
        <>
          {t("signInQuestion")}{" "}
          <Link
            href="/signin"
            className="font-medium text-indigo-700 underline dark:text-indigo-300"
          >
            {t("signInLink")}
          </Link>
        </>
      }
    >
      <SignUpForm action={signUp} />
    </AuthCard>
  );
}
