import { describe, expect, it } from "vitest";
import { unseenAnswers } from "@/components/widget/unseen";
import type { ChatMessage } from "@/party/protocol";

const VISITOR = 7;
const message = (id: number, authorId: number): ChatMessage =>
  ({ id, author: { id: authorId, name: "x", image: null, role: "member" } }) as ChatMessage;

describe("answers the visitor has not seen", () => {
  it("counts others' messages after the newest one shown", () => {
    const list = [
      message(1, VISITOR),
      message(2, 3),
      message(3, VISITOR),
      message(4, 3),
      message(5, 4),
    ];
    expect(unseenAnswers(list, VISITOR, 3)).toBe(2);
    expect(unseenAnswers(list, VISITOR, 1)).toBe(3);
  });
  it("is zero when everything was shown, when nothing came, or for the visitor's own", () => {
    expect(unseenAnswers([message(1, 3)], VISITOR, 1)).toBe(0);
    expect(unseenAnswers([], VISITOR, 0)).toBe(0);
    expect(unseenAnswers([message(2, VISITOR)], VISITOR, 1)).toBe(0);
  });
});
