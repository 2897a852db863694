import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/signup-form";
import { getCurrentUser } from "../../_lib/session";
import { signUp } from "../actions";

export const metadata = { title: "Sign up" };

export default async function SignUpPage() {
  if (await getCurrentUser()) redirect("/");
  return (
    <AuthCard
      title="Create your account"
      footer={
        <>
          Already have one?{" "}
          <Link
            href="/signin"
            className="font-medium text-indigo-700 underline dark:text-indigo-300"
          >
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm action={signUp} />
    </AuthCard>
  );
}
