import { snippet, SNIPPET_LENGTH } from '@/utils/search/snippet';
import './MatchSnippet.css';

export interface MatchSnippetProps {
  text: string;
  /** [start, end) of each matched word, in order. */
  marks: readonly [number, number][];
  /** Longest stretch of text to show; the whole text when left out. */
  maxLength?: number;
}

/**
 * A text with the words a search matched marked, trimmed around them. Bundle strings are rendered as text only: each
 * part is a Preact text node, the marked ones inside `<mark>`.
 */
export function MatchSnippet({ text, marks, maxLength }: MatchSnippetProps) {
  const parts = snippet(text, marks, maxLength ?? Math.max(text.length, SNIPPET_LENGTH));
  return (
    <>
      {parts.map((part, index) =>
        part.marked ? (
          <mark key={index} class="sn-mark">
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
