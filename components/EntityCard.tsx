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
  /** Where the facts come from: shown under the quotes. */
  source: Source;
  /**
   * For an entity several articles know (utils/catalogue): each article's quotes, newest article first, each group
   * under its own attribution. With one article or none given, the card shows `entity.facts` over `source`.
   */
  sources?: CardSource[];
  /** The entities `entity.related` names, resolved by the caller. */
  related: Entity[];
  /** How often the current page names this entity; the line is left out when undefined. */
  mentionsOnPage?: number;
  onSelectEntity?: (id: string) => void;
  onNextMention?: () => void;
  onClose?: () => void;
  /** Id for the heading the card is labelled by; generated when left out. */
  headingId?: string;
}

/** Quotes shown before "Show all": enough to answer "who is this?" without a wall of text. */
const VISIBLE_FACTS = 3;

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
  related,
  mentionsOnPage,
  onSelectEntity,
  onNextMention,
  onClose,
  headingId,
}: EntityCardProps) {
  const generatedId = useId();
  const titleId = headingId ?? generatedId;
  // Which entity's quotes are expanded: moving to another entity collapses them again without an effect.
  const [expandedFor, setExpandedFor] = useState<string | null>(null);
  const expanded = expandedFor === entity.id;
  const factsRef = useRef<HTMLDivElement>(null);
  const firstHidden = useRef(VISIBLE_FACTS);

  // The "Show all" button disappears once pressed; keep keyboard focus in place by moving it to the first new quote.
  useEffect(() => {
    if (!expanded) return;
    factsRef.current?.querySelectorAll<HTMLElement>('blockquote')[firstHidden.current]?.focus();
  }, [expanded]);

  const groups = sources && sources.length > 1 ? sources : [{ source, facts: entity.facts }];
  const total = groups.reduce((sum, group) => sum + group.facts.length, 0);
  const collapsed = visibleCounts(groups);
  const shown = expanded ? groups.map((group) => group.facts.length) : collapsed;
  const hiddenFacts = total - shown.reduce((sum, count) => sum + count, 0);
  // Where focus goes after "Show all": the first quote that was hidden, counted in the order quotes are shown.
  firstHidden.current = firstHiddenQuote(groups, collapsed);
  const moreButton = hiddenFacts > 0 && (
    <button type="button" class="sn-card__more" onClick={() => setExpandedFor(entity.id)}>
      Show all {total} quotes
    </button>
  );

  return (
    <article class="sn-card sn-kinds" data-kind={entity.kind} data-testid="entity-card" aria-labelledby={titleId}>
      <header class="sn-card__header">
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

      <p class="sn-card__description">{entity.description}</p>

      {/* Everything between the description and the mentions line scrolls, so the quotes get the room first. */}
      <div class="sn-card__body" ref={factsRef}>
        {groups.map((group, index) =>
          shown[index] > 0 ? (
            <section class="sn-card__group" key={index} data-testid="card-source">
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
              <Attribution source={group.source} withPublisher={groups.length > 1} />
            </section>
          ) : null,
        )}
        {groups.length > 1 && moreButton}

        {related.length > 0 && (
          <section class="sn-card__related" aria-labelledby={`${titleId}-related`}>
            <h3 class="sn-card__label" id={`${titleId}-related`}>
              Related
            </h3>
            <ul class="sn-card__chips">
              {related.map((other) => (
                <li key={other.id}>
                  {onSelectEntity ? (
                    <button
                      type="button"
                      class="sn-card__chip"
                      data-kind={other.kind}
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
            </ul>
          </section>
        )}
      </div>

      {mentionsOnPage !== undefined && (
        <footer class="sn-card__mentions">
          <span>
            {mentionsOnPage} {mentionsOnPage === 1 ? 'mention' : 'mentions'} on this page
          </span>
          {onNextMention && (
            <button type="button" class="sn-card__next" onClick={onNextMention}>
              Next
              <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
                <path d="M4 6l4 4 4-4" />
              </svg>
            </button>
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

/** "— Title, 30 January 2023", with the publisher when the card quotes several articles. */
function Attribution({ source, withPublisher }: { source: Source; withPublisher: boolean }) {
  const sourceUrl = webUrl(source.url);
  return (
    <p class="sn-card__source">
      {'— '}
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
