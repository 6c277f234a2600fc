/** A piece of a snippet: text to show as it is, marked or not. */
export interface SnippetPart {
  text: string;
  marked: boolean;
}

/** What two lines of the popup's result rows hold. */
export const SNIPPET_LENGTH = 88;
const ELLIPSIS = '…';

/**
 * The part of `text` that shows why it matched: at most about `maxLength` characters around the densest run of
 * marks ([start, end) ranges, in order), cut at spaces, with an ellipsis where text was left out. Marks outside the
 * part are dropped.
 */
export function snippet(text: string, marks: readonly [number, number][], maxLength = SNIPPET_LENGTH): SnippetPart[] {
  let start = 0;
  let end = text.length;
  if (text.length > maxLength) {
    // The window starting at a mark that holds the most marks.
    let bestFirst = 0;
    let bestLast = -1;
    for (let first = 0, last = 0; first < marks.length; first++) {
      last = Math.max(last, first);
      while (last + 1 < marks.length && marks[last + 1][1] - marks[first][0] <= maxLength) last++;
      if (last - first > bestLast - bestFirst) [bestFirst, bestLast] = [first, last];
    }
    const spanStart = marks.length > 0 ? marks[bestFirst][0] : 0;
    const spanEnd = marks.length > 0 ? Math.min(marks[bestLast][1], spanStart + maxLength) : 0;
    // Centre the marks, a little more of what comes before them than after.
    const room = maxLength - (spanEnd - spanStart);
    start = Math.max(0, Math.min(spanStart - Math.ceil(room / 2), text.length - maxLength));
    end = start + maxLength;
    if (start > 0) start = snapForward(text, start, spanStart);
    if (end < text.length) end = snapBack(text, end, spanEnd);
  }

  const parts: SnippetPart[] = [];
  const push = (from: number, to: number, marked: boolean) => {
    if (to > from) parts.push({ text: text.slice(from, to), marked });
  };
  let at = start;
  for (const [markStart, markEnd] of marks) {
    if (markStart < at || markEnd > end) continue;
    push(at, markStart, false);
    push(markStart, markEnd, true);
    at = markEnd;
  }
  push(at, end, false);
  if (start > 0) parts.unshift({ text: ELLIPSIS, marked: false });
  if (end < text.length) parts.push({ text: ELLIPSIS, marked: false });
  return parts;
}

/** The start of the word at or after `at`, but never past `limit` (a mark's start). */
function snapForward(text: string, at: number, limit: number): number {
  const space = text.indexOf(' ', at - 1);
  return space >= 0 && space + 1 <= limit ? space + 1 : at;
}

/** The end of the word before `at`, but never before `limit` (a mark's end). */
function snapBack(text: string, at: number, limit: number): number {
  const space = text.lastIndexOf(' ', at);
  return space >= limit ? space : at;
}
