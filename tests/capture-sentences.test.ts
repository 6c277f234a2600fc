import { describe, expect, it } from 'vitest';
import { splitSentences } from '@/utils/capture/sentences';

const sentences = (text: string) => splitSentences(text).map((span) => text.slice(span.start, span.end));

describe('splitting an article into sentences', () => {
  it('cuts at full stops, question and exclamation marks before a capital', () => {
    expect(sentences('Seoul did not confirm. Is it true? Yes! It is.')).toEqual(['Seoul did not confirm.', 'Is it true?', 'Yes!', 'It is.']);
  });

  it('does not cut after titles, initials or dotted abbreviations inside a sentence', () => {
    expect(sentences('Gen. Mark Milley met Mr. Kim and Lloyd J. Austin in the U.S. Army base on Jan. 5. He left.')).toEqual([
      'Gen. Mark Milley met Mr. Kim and Lloyd J. Austin in the U.S. Army base on Jan. 5.',
      'He left.',
    ]);
  });

  it('cuts after a dotted abbreviation or "Inc." when a word that starts sentences follows', () => {
    expect(sentences('The deal was signed in the U.S. The talks ended.')).toEqual(['The deal was signed in the U.S.', 'The talks ended.']);
    expect(sentences('He works for Acme Inc. But not for long.')).toEqual(['He works for Acme Inc.', 'But not for long.']);
  });

  it('keeps closing quotes and brackets with their sentence, and opening ones with the next', () => {
    const text = '“We need weapons,” said Jens Stoltenberg. “That’s the reality.” (He left Seoul.) Then he flew home.';
    expect(sentences(text)).toEqual(['“We need weapons,” said Jens Stoltenberg.', '“That’s the reality.”', '(He left Seoul.)', 'Then he flew home.']);
  });

  it('does not cut where a lower-case word follows ("however. even if")', () => {
    expect(sentences('Seoul did not confirm, however. even if he agrees. Then')).toEqual(['Seoul did not confirm, however. even if he agrees.', 'Then']);
  });

  it('never crosses a line break: headings and paragraphs are sentences of their own', () => {
    const text = 'South Korea’s non-lethal aid to Ukraine\n\nThe South Korean government has focused on aid. It sent 20 tons.';
    expect(sentences(text)).toEqual(['South Korea’s non-lethal aid to Ukraine', 'The South Korean government has focused on aid.', 'It sent 20 tons.']);
  });

  it('returns offsets of exact substrings, trimmed, in order and without overlaps', () => {
    const text = '  MOSCOW (AP) — A ship broke up.  It said 6 ½ minutes… Roscosmos said.(Oleg Urusov/ AP)\n\n“Why?” he asked.  ';
    const spans = splitSentences(text);
    expect(spans.length).toBeGreaterThan(2);
    let previousEnd = 0;
    for (const span of spans) {
      const sentence = text.slice(span.start, span.end);
      expect(text.includes(sentence)).toBe(true);
      expect(sentence).toBe(sentence.trim());
      expect(sentence).not.toContain('\n');
      expect(span.start).toBeGreaterThanOrEqual(previousEnd);
      previousEnd = span.end;
    }
  });
});
