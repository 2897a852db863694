/**
 * How hard the fault suites push. CI runs the short version on every push; `npm run faults --
 * --soak` (tests/run.ts sets FAULTS_SOAK=1) runs the long one before a release or after a change
 * to delivery: 100 hard restarts of the room's runtime, a 30-second database outage, and a
 * reconnect storm of 200 sockets at once.
 */
export const SOAK = process.env.FAULTS_SOAK === "1";

export const scale = SOAK
  ? {
      restarts: 100,
      restartTypists: 3,
      // Slow enough that typing outlasts 100 restarts of a few seconds each.
      restartPerTypist: 1_500,
      restartEveryMs: 250,
      outageAtLeastMs: 30_000,
      outagePerTypist: 600,
      stormSockets: 200,
    }
  : {
      restarts: 3,
      restartTypists: 3,
      restartPerTypist: 100,
      restartEveryMs: 15,
      outageAtLeastMs: 0,
      outagePerTypist: 150,
      stormSockets: 40,
    };
