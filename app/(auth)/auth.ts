import "server-only";
import { verify } from "@node-rs/argon2";
import type { User as AuthUser, NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { z } from "zod";
import { findUserById, findUserByUsername, upsertOAuthUser } from "@/db/queries/users";
import type { Role, User } from "@/db/schema";
import { isBanned } from "../_lib/restrictions";

const credentialsSchema = z.object({
  username: z.string().trim().min(1).max(32),
  password: z.string().min(1).max(200),
});

// A real hash of a random password: verifying against it when the username is unknown makes a
// failed sign-in take as long either way, so timing does not reveal which usernames exist.
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$3xwtsx044nC42nHtTasTQg$JpMfoRoD65RNIzSZ35q/WKx+Juqoe2HiakxrxwKYCBM";

function toAuthUser(user: User): AuthUser {
  return { id: String(user.id), name: user.displayName, image: user.image, role: user.role };
}

function providers(): NextAuthOptions["providers"] {
  const list: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Username and password",
      credentials: {
        username: { label: "Username" },
        password: { label: "Password", type: "password" },
      },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const user = await findUserByUsername(parsed.data.username);
        const hash = user?.passwordHash ?? DUMMY_HASH;
        const ok = await verify(hash, parsed.data.password).catch(() => false);
        if (!user?.passwordHash || !ok) return null;
        if (isBanned(user)) throw new Error("banned");
        return toAuthUser(user);
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

/** NextAuth configuration: JWT sessions carrying our user id and role. */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
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
        token.sub = user.id;
        token.role = user.role;
        token.name = user.name;
        token.picture = user.image;
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user && token.sub) {
        session.user.id = token.sub;
        session.user.role = token.role ?? "member";
      }
      return session;
    },
  },
};

/** Loads the signed-in user's current row (role and bans change after the JWT was issued). */
export async function loadSessionUser(id: string | undefined): Promise<User | null> {
  if (!id || !/^\d+$/.test(id)) return null;
  return findUserById(Number(id));
}

export type { Role };
