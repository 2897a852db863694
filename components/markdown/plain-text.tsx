import { Fragment } from "react";
import { ELEMENT_CLASSES } from "./presentation";

/**
 * Text shown as typed, in the shape the Markdown path gives a plain paragraph: one <p>, a <br>
 * for each line break. React escapes every character.
 */
export function PlainText({ text }: { text: string }) {
  const lines = text.split(/\r\n|\r|\n/);
  return (
    <p className={ELEMENT_CLASSES.p}>
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity but their place.
        <Fragment key={i}>
          {i > 0 && <br />}
          {line}
        </Fragment>
      ))}
    </p>
  );
}
