import { useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { EntityCard } from '@/components/EntityCard';
import { Logo } from '@/components/Logo';
import { useShortcuts } from '@/components/use-shortcuts';
import type { Bundle } from '@/utils/bundle/schema';
import { buildCatalogue, quotesBySource } from '@/utils/catalogue/catalogue';
import { compileMatcher } from '@/utils/match/compile';
import { scanText } from '@/utils/match/scan';

export interface AppProps {
  /** The notes shipped with the extension (the seed article's). */
  bundle: Bundle;
  /** A passage of the seed article, as plain text. */
  passage: string;
}

interface Piece {
  text: string;
  /** The entity this piece names, if it is a name. */
  entityId?: string;
  /** Punctuation that touches the name ("(", "’s", ")."): kept on its line with it. */
  before?: string;
  after?: string;
}

/**
 * The passage cut into plain text and names, found by the same matcher the pages use (only names that count: a
 * name that needs evidence is kept when the passage names its entity unambiguously too).
 */
export function namesIn(passage: string, bundle: Bundle): Piece[] {
  const matcher = compileMatcher([bundle]);
  const found = scanText(passage, matcher);
  const strong = new Set(found.filter((c) => c.strength === 'strong').map((c) => c.alias.entityId));
  const pieces: Piece[] = [];
  let at = 0;
  for (const candidate of found) {
    if (candidate.strength === 'weak' && !strong.has(candidate.alias.entityId)) continue;
    if (candidate.start < at) continue;
    if (candidate.start > at) pieces.push({ text: passage.slice(at, candidate.start) });
    pieces.push({ text: passage.slice(candidate.start, candidate.end), entityId: candidate.alias.entityId });
    at = candidate.end;
  }
  if (at < passage.length) pieces.push({ text: passage.slice(at) });
  // A button is laid out as a box a line may break after: what touches the name goes into one unbreakable group.
  pieces.forEach((piece, index) => {
    if (!piece.entityId) return;
    const previous = pieces[index - 1];
    const next = pieces[index + 1];
    if (previous && !previous.entityId) {
      piece.before = /\S*$/.exec(previous.text)![0];
      previous.text = previous.text.slice(0, previous.text.length - piece.before.length);
    }
    if (next && !next.entityId) {
      piece.after = /^\S*/.exec(next.text)![0];
      next.text = next.text.slice(piece.after.length);
    }
  });
  return pieces;
}

/** The first-run page, opened once when Side Notes is installed: what it does, a live example, keys, privacy. */
export function App({ bundle, passage }: AppProps) {
  const catalogue = useMemo(() => buildCatalogue([bundle]), [bundle]);
  const pieces = useMemo(() => namesIn(passage, bundle), [passage, bundle]);
  const first = pieces.find((piece) => piece.entityId)?.entityId ?? null;
  const [open, setOpen] = useState<string | null>(first);
  const shortcuts = useShortcuts();
  const note = open ? catalogue.get(open) : undefined;
  const title = bundle.source.title;

  return (
    <main class="welcome">
      <header class="welcome__header">
        <Logo size={28} />
        <h1 class="welcome__title">Welcome to Side Notes</h1>
      </header>
      <p class="welcome__lead">
        Read a news article once; from then on, wherever its people, organisations, places, treaties and weapons are
        named on a web page, a quiet dotted underline offers a card of what that article said about them.
      </p>

      <section class="welcome__section" aria-labelledby="try-heading">
        <h2 id="try-heading">Try it here</h2>
        <p class="welcome__hint">
          A passage of the article Side Notes comes with, “{title}”. Its names are marked as they would be on any
          page: choose one (click, or Tab to it) to see its card.
        </p>
        <div class="welcome__example sn-kinds">
          <p class="welcome__passage" data-testid="passage">
            {pieces.map((piece, index) =>
              piece.entityId ? (
                <span key={index} class="welcome__glue">
                  {piece.before}
                  <button
                    type="button"
                    class="welcome__name"
                    aria-pressed={piece.entityId === open}
                    data-entity={piece.entityId}
                    data-testid="example-name"
                    onClick={() => setOpen(piece.entityId!)}
                    onFocus={() => setOpen(piece.entityId!)}
                  >
                    {piece.text}
                  </button>
                  {piece.after}
                </span>
              ) : (
                <span key={index}>{piece.text}</span>
              ),
            )}
          </p>
          <div class="welcome__card" aria-live="polite" data-testid="example-card">
            {note && (
              <EntityCard
                entity={note.entity}
                source={note.bundle.source}
                sources={quotesBySource(note)}
                related={note.entity.related.flatMap((id) => catalogue.get(id)?.entity ?? [])}
                onSelectEntity={(id) => setOpen(id)}
              />
            )}
          </div>
        </div>
      </section>

      <section class="welcome__section" aria-labelledby="notes-heading">
        <h2 id="notes-heading">Where the notes come from</h2>
        <p>
          Side Notes starts with the notes of one article, “{title}”: {catalogue.size} names, each with the article’s
          own words about it. To add more, open an article you want to remember and choose <b>Take notes from this
          page</b> in the toolbar popup (or the page’s context menu): you review what it found, and only what you save
          is kept. Or select a passage and choose <b>Add to Side Notes</b> in the context menu: it becomes a quote, with
          the page as its source, on the name you pick, and you can add a note of your own. The options page lists
          every article in your notes library, and edits one later.
        </p>
      </section>

      <section class="welcome__section" aria-labelledby="keys-heading" data-testid="welcome-keys">
        <h2 id="keys-heading">Keyboard</h2>
        <dl class="welcome__keys">
          {shortcuts.map(({ name, description, shortcut }) => (
            <div key={name}>
              <dt>{shortcut ? <kbd>{shortcut}</kbd> : <span class="welcome__hint">not set</span>}</dt>
              <dd>{description}</dd>
            </div>
          ))}
        </dl>
        <p class="welcome__hint">
          The toolbar button’s number counts the names underlined on the page; its popup searches all your notes.
          You can change the keys in your browser’s shortcut settings.
        </p>
      </section>

      <section class="welcome__section" aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">Privacy</h2>
        <p>
          Nothing leaves your computer: Side Notes makes no network request of any kind. It reads the pages you open to
          find names, keeps what it finds only while the tab is open, and stores only your settings and the notes you
          save, in the browser’s own storage. While Side Notes is paused or off for a site, pages there cannot tell it is
          installed.
        </p>
      </section>

      <p class="welcome__footer">
        <a
          href="/options.html"
          onClick={(event) => {
            event.preventDefault();
            void browser.runtime.openOptionsPage();
          }}
        >
          Open the options
        </a>{' '}
        to choose how names are marked, turn Side Notes off on some sites, or manage your notes.
      </p>
    </main>
  );
}
