import NextAuth from "next-auth";
import { route } from "@/app/_lib/route";
import { authOptions } from "@/app/(auth)/auth";

// Wrapped like every other route: a database outage during sign-in answers 503, and a crash
// answers a generic 500 instead of its message.
const handler = route(NextAuth(authOptions) as (req: Request, ctx: unknown) => Promise<Response>);

export { handler as GET, handler as POST };
