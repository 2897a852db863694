import type { Messages } from "@/app/_i18n/catalogue";
import { CLOSE } from "@/party/close-codes";
import type { RoomProblem } from "./room-client";
import type { JoinRefusal } from "./room-token";
import { untilText } from "./until";

/** A key of the catalogue's `chat.problem` group. */
export type ProblemKey = keyof Messages["chat"]["problem"];

/** Looks up one `chat.problem` message in the reader's language (next-intl's `t`, or a test's). */
export type ProblemTranslator = (key: ProblemKey, values?: Record<string, string>) => string;

/**
 * A room client's problem in the reader's words. The client (room-client.ts) keeps codes only,
 * so the Node bots that drive it need no catalogue, and a change of language re-words what is on
 * screen. Pure apart from the clock (a ban ending today shows the time alone).
 */
export function problemWords(
  problem: RoomProblem,
  t: ProblemTranslator,
  locale: string,
  now = new Date(),
): string {
  switch (problem.kind) {
    case "refused":
      return refusalWords(problem.refusal, t, locale, now);
    case "closed":
      if (problem.code === CLOSE.kicked) return t("kicked");
      if (problem.code === CLOSE.tooManySockets) return t("tooManySockets");
      return t("closed");
    case "older-failed":
      return t("olderFailed");
    case "catch-up-incomplete":
      return t("catchUpIncomplete");
  }
}

function refusalWords(refusal: JoinRefusal, t: ProblemTranslator, locale: string, now: Date) {
  switch (refusal.code) {
    case "signed_out":
      return t("signedOut");
    case "no_channel":
      return t("noChannel");
    case "banned": {
      const time = refusal.until === null ? undefined : untilText(refusal.until, locale, now);
      const text =
        time === undefined
          ? t("banned")
          : time === null
            ? t("bannedPermanently")
            : t("bannedUntil", { time });
      return refusal.reason ? t("withReason", { text, reason: refusal.reason }) : text;
    }
    case "unknown":
      return t("unknown", { status: String(refusal.status) });
  }
}
