import "server-only";
import type { User as AuthUser, NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { z } from "zod";
import { upsertOAuthUser } from "@/db/queries/users";
import type { Role, User } from "@/db/schema";
import { safeCallbackPath } from "../_lib/callback-url";
import { clientAddress } from "../_lib/client-address";
import { checkCredentials } from "../_lib/credentials";
import { isBanned } from "../_lib/restrictions";
import {
  SESSION_MAX_AGE_S,
  SESSION_UPDATE_AGE_S,
  secureCookies,
  sessionClaims,
} from "../_lib/session-cookie";

const credentialsSchema = z.object({
  username: z.string().trim().min(1).max(32),
  password: z.string().min(1).max(200),
});

function toAuthUser(user: User): AuthUser {
  return {
    id: String(user.id),
    name: user.displayName,
    image: user.image,
    role: user.role,
    sessionVersion: user.sessionVersion,
  };
}

function providers(): NextAuthOptions["providers"] {
  const list: NextAuthOptions["providers"] = [
    CredentialsProvider({
      // NextAuth shows this name and these labels only on its own sign-in page, which /signin
      // replaces (pages.signIn below), so they are configuration, not words for a person.
      name: "Username and password",
      credentials: {
        username: { label: "Username" },
        password: { label: "Password", type: "password" },
      },
      // The sign-in page signs in through its own server action (app/(auth)/signin/actions.ts);
      // this path serves API clients (tests, bots). Both go through checkCredentials.
      async authorize(raw, req) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const headers = (req.headers ?? {}) as Record<string, string | undefined>;
        const result = await checkCredentials({
          ...parsed.data,
          address: clientAddress((name) => headers[name]),
        });
        if (result.ok) return toAuthUser(result.user);
        if (result.reason === "invalid") return null;
        // NextAuth turns the message into the `error` code of its answer.
        throw new Error(result.reason);
      },
    }),
  ];
  if (process.env.GITHUB_ID && process.env.GITHUB_SECRET) {
    list.push(
      GitHubProvider({ clientId: process.env.GITHUB_ID, clientSecret: process.env.GITHUB_SECRET }),
    );
  }
  return list;
}

/** NextAuth configuration: JWT sessions carrying our user id, role and session version. */
export const authOptions: NextAuthOptions = {
  // updateAge only matters to database sessions in NextAuth v4; the JWT is renewed by proxy.ts.
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S, updateAge: SESSION_UPDATE_AGE_S },
  jwt: { maxAge: SESSION_MAX_AGE_S },
  useSecureCookies: secureCookies(),
  pages: { signIn: "/signin", error: "/signin" },
  providers: providers(),
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.provider !== "github") return true;
      const gh = profile as { id?: number | string; login?: string } | undefined;
      if (!gh?.id || !gh.login) return false;
      const stored = await upsertOAuthUser({
        provider: "github",
        providerAccountId: String(gh.id),
        login: gh.login,
        name: user.name ?? null,
        email: user.email ?? null,
        image: user.image ?? null,
      });
      if (isBanned(stored)) return "/signin?error=banned";
      // Hand our own id to the jwt callback instead of GitHub's.
      Object.assign(user, toAuthUser(stored));
      return true;
    },
    async jwt({ token, user }) {
      if (user) {
        return {
          ...token,
          ...sessionClaims({
            id: Number(user.id),
            displayName: user.name ?? "",
            image: user.image ?? null,
            role: user.role,
            sessionVersion: user.sessionVersion,
          }),
        };
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user && token.sub) {
        session.user.id = token.sub;
        session.user.role = token.role ?? "member";
        session.user.sessionVersion = token.sv ?? -1;
      }
      return session;
    },
    // NextAuth's default accepts any URL starting with "/", which lets "/\evil.example" through.
    async redirect({ url, baseUrl }) {
      return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
    },
  },
};

export type { Role };
