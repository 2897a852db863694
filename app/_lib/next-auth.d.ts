import type { DefaultSession } from "next-auth";

type Role = "member" | "agent" | "moderator" | "admin";

declare module "next-auth" {
  interface User {
    role: Role;
    sessionVersion: number;
  }
  interface Session {
    user: DefaultSession["user"] & { id: string; role: Role; sessionVersion: number };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    /** The user's session_version when this session was issued. */
    sv?: number;
  }
}
