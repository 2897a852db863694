"use client";

import { useRef, useState } from "react";
import { MAX_BODY_CHARS } from "@/party/protocol";

type Props = {
  onSend: (body: string) => string | null;
  disabled?: boolean;
  disabledReason?: string;
  notice?: string | null;
};

/** The message box: Enter sends, Shift+Enter starts a new line. */
export function Composer({ onSend, disabled, disabledReason, notice }: Props) {
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const length = [...body].length;

  const submit = () => {
    const problem = onSend(body);
    setError(problem);
    if (!problem) setBody("");
    box.current?.focus();
  };

  return (
    <form
      className="border-t border-zinc-200 p-3 dark:border-zinc-800"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="flex items-end gap-2">
        <textarea
          ref={box}
          aria-label="Message"
          aria-describedby="composer-hint"
          name="body"
          rows={1}
          value={body}
          disabled={disabled}
          placeholder={disabled ? disabledReason : "Write a message"}
          onChange={(e) => {
            setBody(e.target.value);
            if (error) setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
          className="max-h-48 min-h-10 flex-1 resize-none rounded-lg border border-zinc-300 bg-white px-3 py-2 text-zinc-900 [field-sizing:content] placeholder:text-zinc-400 focus-visible:border-indigo-500 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:disabled:bg-zinc-800"
        />
        <button
          type="submit"
          disabled={disabled}
          className="h-10 rounded-lg bg-indigo-600 px-4 font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-50"
        >
          Send
        </button>
      </div>
      <div id="composer-hint" className="mt-1 flex justify-between gap-2 text-xs text-zinc-500">
        <span
          role={error ? "alert" : undefined}
          className={error ? "text-red-600 dark:text-red-400" : ""}
        >
          {error ??
            (disabled ? disabledReason : (notice ?? "Enter to send, Shift+Enter for a new line"))}
        </span>
        {length > MAX_BODY_CHARS * 0.9 && (
          <span className={length > MAX_BODY_CHARS ? "text-red-600" : ""}>
            {length.toLocaleString("en")} / {MAX_BODY_CHARS.toLocaleString("en")}
          </span>
        )}
      </div>
    </form>
  );
}
