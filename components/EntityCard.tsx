import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Entity, Source } from '@/utils/bundle/schema';
import { KIND_LABELS } from './kinds';
import { SourceDate } from './SourceDate';
import './EntityCard.css';

export interface EntityCardProps {
  entity: Entity;
  /** Where the facts come from: shown under the quotes. */
  source: Source;
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
  const factsRef = useRef<HTMLUListElement>(null);

  // The "Show all" button disappears once pressed; keep keyboard focus in place by moving it to the first new quote.
  useEffect(() => {
    if (!expanded) return;
    factsRef.current?.querySelectorAll<HTMLElement>('blockquote')[VISIBLE_FACTS]?.focus();
  }, [expanded]);

  const facts = expanded ? entity.facts : entity.facts.slice(0, VISIBLE_FACTS);
  const hiddenFacts = entity.facts.length - facts.length;
  const sourceUrl = webUrl(source.url);

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
      <div class="sn-card__body">
        <ul class="sn-card__quotes" ref={factsRef}>
          {facts.map((fact, index) => (
            <li key={index}>
              <blockquote class="sn-card__quote" tabIndex={-1}>
                {fact.quote}
              </blockquote>
            </li>
          ))}
        </ul>
        {hiddenFacts > 0 && (
          <button type="button" class="sn-card__more" onClick={() => setExpandedFor(entity.id)}>
            Show all {entity.facts.length} quotes
          </button>
        )}

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
          {', '}
          <SourceDate date={source.date} />
        </p>

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
