import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Entity, Fact, Source } from '@/utils/bundle/schema';
import { KIND_LABELS } from './kinds';
import { SourceDate } from './SourceDate';
import './EntityCard.css';

/** What one article said about the entity: its quotes, shown together above the article's attribution. */
export interface CardSource {
  source: Source;
  facts: Fact[];
}

export interface EntityCardProps {
  entity: Entity;
  /** Where the facts come from: shown over the quotes. */
  source: Source;
  /**
   * For an entity several articles know (utils/catalogue): each article's quotes, newest article first, each group
   * under its own attribution. With one article or none given, the card shows `entity.facts` over `source`.
   */
  sources?: CardSource[];
  /** The reader's own note on the entity: shown apart from the quotes, as the reader's. */
  ownNote?: string;
  /** The entities `entity.related` names, resolved by the caller. */
  related: Pick<Entity, 'id' | 'name' | 'kind'>[];
  /** How often the current page names this entity; the line is left out when undefined. */
  mentionsOnPage?: number;
  /** Which of those mentions the card points at (1-based): "3 of 7" beside Next. */
  mentionAt?: number;
  /** The last Next or Previous went round the page's end: said beside the count. */
  wrapped?: 'first' | 'last' | null;
  onSelectEntity?: (id: string) => void;
  onNextMention?: () => void;
  onPreviousMention?: () => void;
  /** Back to the card a related entity was chosen from; no Back button when left out. */
  onBack?: () => void;
  onClose?: () => void;
  /** Id for the heading the card is labelled by; generated when left out. */
  headingId?: string;
  /** Opens with every quote shown (a card come back to as the reader left it). */
  expandedAtStart?: boolean;
  /** Opens with every related entity shown (the same). */
  relatedOpenAtStart?: boolean;
  /** Light or dark whatever the system's theme (the page under the card decides); the system's when left out. */
  theme?: 'light' | 'dark';
}

/** Quotes shown before "Show all": enough to answer "who is this?" without a wall of text. */
const VISIBLE_FACTS = 3;

/** Related entities shown at first when there are more than one more: about two rows, so the quotes stay in view. */
const VISIBLE_RELATED = 4;

/** The source's address, only when it is a web page: a bundle is untrusted and could say `javascript:`. */
function webUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * What one article said about one entity. Every string comes from a bundle and is rendered as text (Preact escapes
 * it); nothing here sets HTML.
 */
export function EntityCard({
  entity,
  source,
  sources,
  ownNote,
  related,
  mentionsOnPage,
  mentionAt,
  wrapped,
  onSelectEntity,
  onNextMention,
  onPreviousMention,
  onBack,
  onClose,
  headingId,
  expandedAtStart,
  relatedOpenAtStart,
  theme,
}: EntityCardProps) {
  const generatedId = useId();
  const titleId = headingId ?? generatedId;
  // Which entity's quotes are expanded: moving to another entity collapses them again without an effect.
  const [expandedFor, setExpandedFor] = useState<string | null>(expandedAtStart ? entity.id : null);
  const expanded = expandedFor === entity.id;
  const factsRef = useRef<HTMLDivElement>(null);
  const moreRef = useRef<HTMLButtonElement>(null);
  const firstHidden = useRef(VISIBLE_FACTS);
  /** The reader pressed Show all / Show fewer (not a card that opened expanded). */
  const toggled = useRef(false);
  const [allRelated, setAllRelated] = useState(!!relatedOpenAtStart);
  const relatedRef = useRef<HTMLUListElement>(null);
  const relatedShown = allRelated || related.length <= VISIBLE_RELATED + 1 ? related : related.slice(0, VISIBLE_RELATED);

  // Show all: focus moves on to the first quote that was hidden, to read on from there. Show fewer: focus stays on
  // the button, which moved up with the quotes it hid, and is scrolled back into view.
  useEffect(() => {
    if (!toggled.current) return;
    toggled.current = false;
    if (expanded) factsRef.current?.querySelectorAll<HTMLElement>('blockquote')[firstHidden.current]?.focus();
    else moreRef.current?.scrollIntoView({ block: 'nearest' });
  }, [expanded]);

  const groups = sources && sources.length > 1 ? sources : [{ source, facts: entity.facts }];
  const total = groups.reduce((sum, group) => sum + group.facts.length, 0);
  const collapsed = visibleCounts(groups);
  const shown = expanded ? groups.map((group) => group.facts.length) : collapsed;
  const hidable = total > collapsed.reduce((sum, count) => sum + count, 0);
  // Where focus goes after "Show all": the first quote that was hidden, counted in the order quotes are shown.
  firstHidden.current = firstHiddenQuote(groups, collapsed);
  const moreButton = hidable && (
    <button
      type="button"
      class="sn-card__more"
      ref={moreRef}
      aria-expanded={expanded}
      onClick={() => {
        toggled.current = true;
        setExpandedFor(expanded ? null : entity.id);
      }}
    >
      {expanded ? 'Show fewer' : `Show all ${total} quotes`}
    </button>
  );

  return (
    <article
      class="sn-card sn-kinds"
      data-kind={entity.kind}
      data-theme={theme}
      data-testid="entity-card"
      aria-labelledby={titleId}
    >
      <header class="sn-card__header">
        {onBack && (
          <button type="button" class="sn-card__back" onClick={onBack} data-testid="card-back">
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
              <path d="M10 3.5L5.5 8l4.5 4.5" />
            </svg>
            Back
          </button>
        )}
        <div class="sn-card__titles">
          <p class="sn-card__kind">{KIND_LABELS[entity.kind]}</p>
          <h2 class="sn-card__name" id={titleId}>
            {entity.name}
          </h2>
        </div>
        {onClose && (
          <button type="button" class="sn-card__close" aria-label="Close" onClick={onClose}>
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
              <path d="M4 4l8 8M12 4l-8 8" />
            </svg>
          </button>
        )}
      </header>

      {entity.description && <p class="sn-card__description">{entity.description}</p>}

      {/*
       * Everything between the description and the mentions line scrolls. What is short and says where to go next
       * comes first, so it is never below the fold: related entities, then each article's name over its quotes.
       */}
      <div class="sn-card__body" ref={factsRef}>
        {ownNote && (
          <section class="sn-card__own" aria-labelledby={`${titleId}-own`} data-testid="card-own-note">
            <h3 class="sn-card__label" id={`${titleId}-own`}>
              Your note
            </h3>
            <p class="sn-card__own-text">{ownNote}</p>
          </section>
        )}
        {related.length > 0 && (
          <section class="sn-card__related" aria-labelledby={`${titleId}-related`}>
            <h3 class="sn-card__label" id={`${titleId}-related`}>
              Related
            </h3>
            <ul class="sn-card__chips" ref={relatedRef}>
              {relatedShown.map((other) => (
                <li key={other.id}>
                  {onSelectEntity ? (
                    <button
                      type="button"
                      class="sn-card__chip"
                      data-kind={other.kind}
                      data-entity={other.id}
                      onClick={() => onSelectEntity(other.id)}
                    >
                      {other.name}
                    </button>
                  ) : (
                    <span class="sn-card__chip" data-kind={other.kind}>
                      {other.name}
                    </span>
                  )}
                </li>
              ))}
              {relatedShown.length < related.length && (
                <li>
                  <button
                    type="button"
                    class="sn-card__chip sn-card__chip--more"
                    aria-label={`Show ${related.length - relatedShown.length} more related`}
                    onClick={() => {
                      setAllRelated(true);
                      // The button goes: focus moves on to the first entity it showed.
                      requestAnimationFrame(() => relatedRef.current?.querySelectorAll<HTMLElement>('.sn-card__chip')[VISIBLE_RELATED]?.focus());
                    }}
                  >
                    {related.length - relatedShown.length} more
                  </button>
                </li>
              )}
            </ul>
          </section>
        )}

        {groups.map((group, index) =>
          shown[index] > 0 ? (
            <section class="sn-card__group" key={index} data-testid="card-source">
              <Attribution source={group.source} withPublisher={groups.length > 1} />
              <ul class="sn-card__quotes">
                {group.facts.slice(0, shown[index]).map((fact, factIndex) => (
                  <li key={factIndex}>
                    <blockquote class="sn-card__quote" tabIndex={-1}>
                      {fact.quote}
                    </blockquote>
                  </li>
                ))}
              </ul>
              {groups.length === 1 && moreButton}
            </section>
          ) : null,
        )}
        {groups.length > 1 && moreButton}
      </div>

      {mentionsOnPage !== undefined && (
        <footer class="sn-card__mentions">
          <span class="sn-card__count" data-testid="card-count">
            {wrapped
              ? `Back to the ${wrapped} mention`
              : `${mentionsOnPage} ${mentionsOnPage === 1 ? 'mention' : 'mentions'} on this page`}
          </span>
          {onNextMention && (
            <span class="sn-card__walk">
              {onPreviousMention && (
                <button type="button" class="sn-card__previous" aria-label="Previous mention" onClick={onPreviousMention}>
                  <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
                    <path d="M4 10l4-4 4 4" />
                  </svg>
                </button>
              )}
              {mentionAt !== undefined && mentionAt > 0 && (
                <span class="sn-card__position" data-testid="card-position">
                  {mentionAt} of {mentionsOnPage}
                </span>
              )}
              <button type="button" class="sn-card__next" onClick={onNextMention}>
                Next
                <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
                  <path d="M4 6l4 4 4-4" />
                </svg>
              </button>
            </span>
          )}
        </footer>
      )}
    </article>
  );
}

/**
 * How many quotes of each article show before "Show all": `VISIBLE_FACTS` in all, one article at a time in turn
 * (newest first), so every article that knows the entity shows at least its first quote.
 */
function visibleCounts(groups: CardSource[]): number[] {
  const counts = groups.map(() => 0);
  let left = Math.max(VISIBLE_FACTS, groups.length);
  for (let round = 0; left > 0; round++) {
    let added = false;
    groups.forEach((group, index) => {
      if (left > 0 && group.facts.length > round) {
        counts[index]++;
        left--;
        added = true;
      }
    });
    if (!added) break;
  }
  return counts;
}

/** The position, among all the quotes shown expanded, of the first one the collapsed card hides. */
function firstHiddenQuote(groups: CardSource[], collapsed: number[]): number {
  let before = 0;
  for (let index = 0; index < groups.length; index++) {
    if (collapsed[index] < groups[index].facts.length) return before + collapsed[index];
    before += groups[index].facts.length;
  }
  return before;
}

/** "From Title, 30 January 2023" over the quotes, with the publisher when the card quotes several articles. */
function Attribution({ source, withPublisher }: { source: Source; withPublisher: boolean }) {
  const sourceUrl = webUrl(source.url);
  return (
    <p class="sn-card__source">
      {'From '}
      <cite>
        {sourceUrl ? (
          <a href={sourceUrl} target="_blank" rel="noopener noreferrer">
            {source.title}
          </a>
        ) : (
          source.title
        )}
      </cite>
      {withPublisher && source.publisher ? `, ${source.publisher}` : ''}
      {', '}
      <SourceDate date={source.date} />
    </p>
  );
}
