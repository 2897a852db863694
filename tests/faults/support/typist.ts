/**
 * A person typing: one message per tick whether or not the socket is up (the page queues it as
 * pending either way), holding back while too many are still unconfirmed. The ticks only pace
 * the load; tests synchronise on what was acknowledged, never on the clock.
 */
import type { ChatBot } from "./chat-bot";

export type Typing = {
  /** Messages typed so far. */
  readonly count: number;
  /** Resolves when all of them have been typed (not necessarily stored). */
  readonly done: Promise<void>;
  stop(): void;
};

export function startTyping(
  bot: ChatBot,
  options: {
    count: number;
    everyMs: number;
    maxSending?: number;
    text?: (i: number) => string;
    /** The message the i-th one replies to, if any. */
    replyTo?: (i: number) => number | undefined;
  },
): Typing {
  const maxSending = options.maxSending ?? 20;
  const text = options.text ?? ((i: number) => `${bot.name} #${i}`);
  let count = 0;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const timer = setInterval(() => {
    if (count >= options.count) {
      clearInterval(timer);
      finish();
      return;
    }
    if (bot.sending >= maxSending || bot.status === "stopped") return;
    bot.say(text(count), options.replyTo?.(count));
    count++;
  }, options.everyMs);
  return {
    get count() {
      return count;
    },
    done,
    stop() {
      clearInterval(timer);
      finish();
    },
  };
}
