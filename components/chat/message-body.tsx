import { memo } from "react";
import Markdown from "react-markdown";
import { withinMarkdownBudget } from "@/components/markdown/complexity";
import { chatMarkdownOptions } from "@/components/markdown/pipeline";
import { PlainText } from "@/components/markdown/plain-text";

type Props = {
  body: string;
  /** Colour classes of the surrounding item (pending and stored messages differ). */
  className?: string;
};

/**
 * A message's text as the chat's Markdown subset (components/markdown/): the same component
 * renders server history and live messages. A body too costly to parse (complexity.ts) shows
 * as plain text. Memoised on the body because the list re-renders every item when one message
 * arrives, and parsing is the costly part.
 */
export const MessageBody = memo(function MessageBody({ body, className }: Props) {
  return (
    <div className={`user-text ${className ?? ""}`} data-message-body="">
      {withinMarkdownBudget(body) ? (
        <Markdown {...chatMarkdownOptions}>{body}</Markdown>
      ) : (
        <PlainText text={body} />
      )}
    </div>
  );
});
