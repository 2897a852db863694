/**
 * The Worker in front of the rooms: routes `/parties/main/<channel>` (sockets, and Next.js's
 * room commands) to that channel's Durable Object and `/parties/user/<userId>` to that person's
 * own room, and refuses a bad socket before any room wakes up for it. Configured by
 * wrangler.jsonc, whose `Main` and `User` bindings name the `main` and `user` parties.
 */
import { routePartykitRequest } from "partyserver";
import { guardConnection } from "./connect-guard";
import { readRoomEnv } from "./env";
import { ChannelServer, misconfigured } from "./server";
import { userIdOfRoom, userRoomClaim } from "./user-room";
import { UserServer } from "./user-server";

export { ChannelServer, UserServer };

export default {
  async fetch(request: Request, env: Record<string, unknown>): Promise<Response> {
    // Liveness for local supervisors and uptime checks: answered here, no room wakes up.
    if (new URL(request.url).pathname === "/health") return new Response("ok");
    const routed = await routePartykitRequest(request, env, {
      /** Refuses a socket before it opens: bad Origin, or a missing, forged, expired or wrong-channel token. */
      onBeforeConnect: async (req, lobby) => {
        const settings = readRoomEnv(env);
        if (!settings.ok) return misconfigured(settings.error);
        const personal = lobby.className === "User";
        if (personal && userIdOfRoom(lobby.name) === null) {
          return new Response("Not found", { status: 404 });
        }
        const guard = await guardConnection({
          url: req.url,
          origin: req.headers.get("origin"),
          channel: personal ? userRoomClaim(lobby.name) : lobby.name,
          party: personal ? "user" : "main",
          env: settings.env,
        });
        return guard.ok ? req : new Response(guard.text, { status: guard.status });
      },
    });
    return routed ?? new Response("Not found", { status: 404 });
  },
};
