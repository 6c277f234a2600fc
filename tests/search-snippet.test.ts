import { describe, expect, it } from 'vitest';
import { snippet, type SnippetPart } from '@/utils/search/snippet';

/** The parts as one string, marked words in [brackets]. */
function show(parts: SnippetPart[]): string {
  return parts.map((part) => (part.marked ? `[${part.text}]` : part.text)).join('');
}

/** The [start, end) of each word of `words` in `text`, first occurrence of each. */
function marksOf(text: string, ...words: string[]): [number, number][] {
  return words.map((word) => [text.indexOf(word), text.indexOf(word) + word.length]);
}

const QUOTE =
  'In addition, Seoul is also a signatory to the United Nations Arms Trade Treaty, ratified in 2014 with the ' +
  'intention of maintaining strict control over who gets the weapons and under what conditions they can be used.';

describe('snippet', () => {
  it('keeps a short text whole, with its marks', () => {
    const text = 'President of South Korea';
    expect(show(snippet(text, marksOf(text, 'President', 'Korea')))).toBe('[President] of South [Korea]');
  });

  it('trims a long text around its marks, at spaces, with ellipses', () => {
    const shown = show(snippet(QUOTE, marksOf(QUOTE, 'ratified', '2014'), 60));
    expect(shown).toContain('[ratified] in [2014]');
    // Cut between words: an ellipsis, then a whole word; a whole word, then an ellipsis.
    expect(shown).toMatch(/^…\S.*\S…$/u);
    expect(QUOTE).toContain(shown.slice(1, -1).replace(/[[\]]/g, ''));
    // At most the length asked for, plus the two ellipses and the brackets this test adds.
    expect(shown.length).toBeLessThanOrEqual(60 + 2 + 4);
  });

  it('starts at the text when the marks are near it', () => {
    const shown = show(snippet(QUOTE, marksOf(QUOTE, 'Seoul'), 50));
    expect(shown.startsWith('In addition, [Seoul]')).toBe(true);
    expect(shown.endsWith('…')).toBe(true);
  });

  it('ends at the text when the marks are near its end', () => {
    const shown = show(snippet(QUOTE, marksOf(QUOTE, 'conditions'), 50));
    expect(shown.startsWith('…')).toBe(true);
    expect(shown.endsWith('they can be used.')).toBe(true);
  });

  it('shows the densest run of marks', () => {
    const text = `${'Seoul '.repeat(3)}${'filler words here '.repeat(10)}humanitarian aid items for refugees`;
    const marks: [number, number][] = [
      [0, 5],
      ...marksOf(text, 'humanitarian', 'aid', 'refugees'),
    ];
    expect(show(snippet(text, marks, 50))).toContain('[humanitarian] [aid] items for [refugees]');
  });

  it('shows the start of a long text that has no marks', () => {
    expect(show(snippet(QUOTE, [], 40))).toBe('In addition, Seoul is also a signatory…');
  });
});
