/**
 * Baseline: broadcast without storing, the ceiling of fan-out on this machine. Same server,
 * token check and frame validation as the store-then-broadcast baseline, minus MySQL; ids come
 * from a counter per room. Run as its own process:
 * `node --import tsx tests/bench/baselines/bare-broadcast.ts`.
 */
import {
  type BaselineRoom,
  baselineEnv,
  broadcast,
  messageFrame,
  startRoomServer,
} from "./room-server";

const env = baselineEnv();
const lastIds = new WeakMap<BaselineRoom, number>();

startRoomServer({
  port: env.port,
  secret: env.secret,
  onSend: (message) => {
    const id = (lastIds.get(message.room) ?? 0) + 1;
    lastIds.set(message.room, id);
    broadcast(
      message.room,
      messageFrame({
        id,
        // No database, so no channel row: any positive number keeps the frame's shape valid.
        channelId: 1,
        clientId: message.clientId,
        body: message.body,
        user: message.user,
      }),
    );
  },
});
