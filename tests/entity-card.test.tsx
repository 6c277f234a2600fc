import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { EntityCard, type EntityCardProps } from '@/components/EntityCard';
import { formatSourceDate } from '@/components/SourceDate';
import type { Entity } from '@/utils/bundle/schema';
import { notesBundle } from './fixtures/notes-bundle';
import { mountPoint } from './support/mount';

const byId = (id: string): Entity => notesBundle.entities.find((entity) => entity.id === id)!;
const stoltenberg = byId('jens-stoltenberg');

const mount = mountPoint();



function show(props: Partial<EntityCardProps> = {}) {
  act(() => {
    render(
      <EntityCard entity={stoltenberg} source={notesBundle.source} related={[]} {...props} />,
      mount.element,
    );
  });
  return mount.element.querySelector<HTMLElement>('[data-testid="entity-card"]')!;
}

function button(card: HTMLElement, name: string): HTMLButtonElement | undefined {
  return [...card.querySelectorAll('button')].find(
    (element) => (element.getAttribute('aria-label') ?? element.textContent?.trim()) === name,
  );
}

function withFacts(count: number): Entity {
  return {
    ...stoltenberg,
    facts: Array.from({ length: count }, (_, index) => ({ quote: `Quote number ${index + 1}.`, start: index * 20 })),
  };
}

describe('EntityCard', () => {
  it('is an article labelled by its heading', () => {
    const card = show();
    expect(card.tagName).toBe('ARTICLE');
    const heading = card.querySelector(`#${CSS.escape(card.getAttribute('aria-labelledby')!)}`);
    expect(heading?.tagName).toBe('H2');
    expect(heading?.textContent).toBe('Jens Stoltenberg');
  });

  it('shows the reader’s own note as theirs, in its own labelled section, never among the quotes; as text', () => {
    const card = show({ ownNote: 'Met him in <b>Brussels</b>.\nTwice.' });
    const own = card.querySelector<HTMLElement>('[data-testid="card-own-note"]')!;
    expect(own.tagName).toBe('SECTION');
    const label = card.querySelector(`#${CSS.escape(own.getAttribute('aria-labelledby')!)}`);
    expect(label?.textContent).toBe('Your note');
    expect(own.querySelector('p')?.textContent).toBe('Met him in <b>Brussels</b>.\nTwice.');
    expect(own.querySelector('b')).toBeNull();
    expect([...card.querySelectorAll('blockquote')].map((quote) => quote.textContent)).not.toContain('Met him in <b>Brussels</b>.\nTwice.');
    expect(own.closest('.sn-card__quotes')).toBeNull();
    expect(show().querySelector('[data-testid="card-own-note"]')).toBeNull();
  });

  it('uses the heading id it is given', () => {
    const card = show({ headingId: 'side-notes-card-title' });
    expect(card.getAttribute('aria-labelledby')).toBe('side-notes-card-title');
    expect(card.querySelector('h2')?.id).toBe('side-notes-card-title');
  });

  it('shows the kind, the description and the quotes', () => {
    const card = show();
    expect(card.querySelector('.sn-card__kind')?.textContent).toBe('Person');
    expect(card.dataset.kind).toBe('person');
    expect(card.textContent).toContain('Secretary General of NATO');
    const quotes = [...card.querySelectorAll('blockquote')].map((quote) => quote.textContent);
    expect(quotes).toEqual(stoltenberg.facts.map((fact) => fact.quote));
  });

  it.each([
    ['treaty', 'Treaty'],
    ['organisation', 'Organisation'],
    ['equipment', 'Equipment'],
    ['event', 'Event'],
    ['place', 'Place'],
  ] as const)('labels a %s "%s"', (kind, label) => {
    const card = show({ entity: { ...stoltenberg, kind } });
    expect(card.querySelector('.sn-card__kind')?.textContent).toBe(label);
  });

  it('renders bundle strings as text, never as markup', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const card = show({
      entity: {
        ...stoltenberg,
        name: '<b>Bold</b>',
        description: hostile,
        facts: [{ quote: '<script>alert(1)</script>', start: 0 }],
      },
      source: { ...notesBundle.source, title: '<i>Title</i>' },
      related: [{ ...byId('nato'), name: '<svg onload=alert(1)>' }],
    });
    expect(card.textContent).toContain(hostile);
    expect(card.querySelector('h2')?.textContent).toBe('<b>Bold</b>');
    expect(card.querySelector('blockquote')?.textContent).toBe('<script>alert(1)</script>');
    expect(card.querySelectorAll('img, b, script, i').length).toBe(0);
    // The only svg elements are the card's own icons, and there is no icon without a close or next button.
    expect(card.querySelectorAll('svg').length).toBe(0);
  });

  it('writes the source line with a fixed English date', () => {
    const card = show();
    const source = card.querySelector('.sn-card__source')!;
    expect(source.textContent).toBe('From NATO chief urges South Korea to send weapons to Ukraine, 30 January 2023');
    expect(source.querySelector('time')?.getAttribute('datetime')).toBe('2023-01-30');
  });

  it('formats dates without the locale or the time zone', () => {
    expect(formatSourceDate('2023-01-30')).toBe('30 January 2023');
    expect(formatSourceDate('2024-12-01')).toBe('1 December 2024');
    expect(formatSourceDate('2022-02-24')).toBe('24 February 2022');
  });

  it('links the source only to a web address', () => {
    const link = show().querySelector<HTMLAnchorElement>('.sn-card__source a');
    expect(link?.getAttribute('href')).toBe('https://example.org/news/nato-south-korea');
    expect(link?.rel).toContain('noopener');

    expect(show({ source: { ...notesBundle.source, url: null } }).querySelector('a')).toBeNull();
    expect(show({ source: { ...notesBundle.source, url: 'javascript:alert(1)' } }).querySelector('a')).toBeNull();
  });

  it('offers related entities as buttons that select them', () => {
    const onSelectEntity = vi.fn();
    const card = show({ related: [byId('nato'), byId('south-korea')], onSelectEntity });
    const nato = button(card, 'NATO')!;
    expect(nato.type).toBe('button');
    act(() => nato.click());
    expect(onSelectEntity).toHaveBeenCalledWith('nato');
    expect(button(card, 'South Korea')).toBeDefined();
  });

  it('leaves the related section out when there is nothing related', () => {
    expect(show().querySelector('.sn-card__related')).toBeNull();
  });

  it('shows three quotes, then all of them on request', () => {
    const card = show({ entity: withFacts(5) });
    expect(card.querySelectorAll('blockquote')).toHaveLength(3);
    const more = button(card, 'Show all 5 quotes')!;
    act(() => more.click());
    expect(card.querySelectorAll('blockquote')).toHaveLength(5);
    // Focus moves on to the first quote that was hidden, to read on from there.
    expect(document.activeElement?.textContent).toBe('Quote number 4.');
    expect(more.getAttribute('aria-expanded')).toBe('true');
  });

  it('shows fewer again, with the button saying which it does', () => {
    const card = show({ entity: withFacts(5) });
    const more = button(card, 'Show all 5 quotes')!;
    expect(more.getAttribute('aria-expanded')).toBe('false');
    act(() => more.click());
    const fewer = button(card, 'Show fewer')!;
    expect(fewer).toBe(more);
    act(() => fewer.click());
    expect(card.querySelectorAll('blockquote')).toHaveLength(3);
    expect(button(card, 'Show all 5 quotes')?.getAttribute('aria-expanded')).toBe('false');
  });

  it('opens expanded when asked (a card come back to)', () => {
    const card = show({ entity: withFacts(5), expandedAtStart: true });
    expect(card.querySelectorAll('blockquote')).toHaveLength(5);
    expect(button(card, 'Show fewer')).toBeDefined();
  });

  it('puts related entities and the source before the quotes', () => {
    const card = show({ related: [byId('nato')], onSelectEntity: () => {} });
    const order = [...card.querySelectorAll('.sn-card__related, .sn-card__source, blockquote')].map((element) => element.className);
    expect(order.slice(0, 3)).toEqual(['sn-card__related', 'sn-card__source', 'sn-card__quote']);
  });

  it('offers Back only when it can go back', () => {
    expect(button(show(), 'Back')).toBeUndefined();
    const onBack = vi.fn();
    act(() => button(show({ onBack }), 'Back')!.click());
    expect(onBack).toHaveBeenCalledOnce();
  });

  it('says which mention it is at, and when Next went round', () => {
    const onPreviousMention = vi.fn();
    const card = show({ mentionsOnPage: 7, mentionAt: 3, onNextMention: () => {}, onPreviousMention });
    expect(card.querySelector('.sn-card__position')?.textContent).toBe('3 of 7');
    expect(card.querySelector('.sn-card__count')?.textContent).toBe('7 mentions on this page');
    act(() => button(card, 'Previous mention')!.click());
    expect(onPreviousMention).toHaveBeenCalledOnce();
    const round = show({ mentionsOnPage: 7, mentionAt: 1, wrapped: 'first', onNextMention: () => {} });
    expect(round.querySelector('.sn-card__count')?.textContent).toBe('Back to the first mention');
    expect(round.querySelector('.sn-card__position')?.textContent).toBe('1 of 7');
  });

  it('takes the theme it is given', () => {
    expect(show({ theme: 'dark' }).dataset.theme).toBe('dark');
    expect(show().dataset.theme).toBeUndefined();
  });

  it('has no "Show all" button for three quotes or fewer', () => {
    const card = show({ entity: withFacts(3) });
    expect(card.querySelectorAll('blockquote')).toHaveLength(3);
    expect(card.querySelector('.sn-card__more')).toBeNull();
  });

  it('collapses the quotes again for another entity', () => {
    show({ entity: withFacts(5) });
    act(() => button(mount.element, 'Show all 5 quotes')!.click());
    const card = show({ entity: { ...withFacts(4), id: 'someone-else' } });
    expect(card.querySelectorAll('blockquote')).toHaveLength(3);
  });

  it('counts mentions on the page and offers the next one', () => {
    const onNextMention = vi.fn();
    const card = show({ mentionsOnPage: 4, onNextMention });
    expect(card.querySelector('.sn-card__mentions')?.textContent).toContain('4 mentions on this page');
    act(() => button(card, 'Next')!.click());
    expect(onNextMention).toHaveBeenCalledOnce();

    expect(show({ mentionsOnPage: 1 }).textContent).toContain('1 mention on this page');
    expect(button(show({ mentionsOnPage: 1 }), 'Next')).toBeUndefined();
    expect(show().querySelector('.sn-card__mentions')).toBeNull();
  });

  it('has a close button only when it can close', () => {
    expect(button(show(), 'Close')).toBeUndefined();
    const onClose = vi.fn();
    const close = button(show({ onClose }), 'Close')!;
    act(() => close.click());
    expect(onClose).toHaveBeenCalledOnce();
  });
});

describe('EntityCard for an entity several articles know', () => {
  const later = { title: 'A later article', date: '2024-03-01', publisher: 'Example News', url: 'https://example.org/later' };
  const sources = [
    { source: later, facts: [{ quote: 'Stoltenberg spoke in Brussels.', start: 0 }, { quote: 'He left office.', start: 40 }] },
    { source: notesBundle.source, facts: stoltenberg.facts },
  ];

  it('groups the quotes by article, newest first, each over its attribution with the publisher and date', () => {
    const card = show({ sources });
    const groups = [...card.querySelectorAll<HTMLElement>('[data-testid="card-source"]')];
    expect(groups).toHaveLength(2);
    expect(groups[0].querySelector('blockquote')?.textContent).toBe('Stoltenberg spoke in Brussels.');
    const attribution = groups[0].querySelector('.sn-card__source')!;
    expect(attribution.textContent).toBe(`From A later article, Example News, ${formatSourceDate('2024-03-01')}`);
    expect(attribution.querySelector('a')?.getAttribute('href')).toBe('https://example.org/later');
    expect(groups[1].querySelector('blockquote')?.textContent).toBe(stoltenberg.facts[0].quote);
    expect(groups[1].querySelector('.sn-card__source')?.textContent).toContain(notesBundle.source.title);
  });

  it('shows every article’s first quote before "Show all", and everything after it', () => {
    const card = show({ sources });
    const visible = () => card.querySelectorAll('blockquote').length;
    const total = sources[0].facts.length + sources[1].facts.length;
    expect(visible()).toBe(3);
    act(() => button(card, `Show all ${total} quotes`)!.click());
    expect(visible()).toBe(total);
    // Focus goes to the first quote that was hidden: the later article's second quote was shown, so the seed's second.
    expect(document.activeElement?.textContent).toBe(stoltenberg.facts[1].quote);
  });

  it('looks as it always did for one article', () => {
    const card = show({ sources: [sources[1]] });
    expect(card.querySelectorAll('[data-testid="card-source"]')).toHaveLength(1);
    expect(card.querySelector('.sn-card__source')?.textContent).toBe(`From ${notesBundle.source.title}, ${formatSourceDate(notesBundle.source.date)}`);
  });
});
