import type { EntityKind } from '../bundle/schema';

/**
 * The capture-draft contract: what "Take notes from this page" would show, and what the top frame's content script
 * answers to `{ type: 'side-notes:capture-draft' }`. Nothing in it is saved; every quote is verbatim article text.
 */
export interface CaptureDraft {
  source: DraftSource;
  entities: DraftEntity[];
}

export interface DraftSource {
  url: string;
  title: string;
  /** The publication's name (og:site_name, JSON-LD publisher). */
  site?: string;
  author?: string;
  /** As the page's metadata gives it (usually ISO 8601). */
  published?: string;
}

export interface DraftEntity {
  /** The fullest form the article uses, or the reader's own name for an entity already in their notes. */
  name: string;
  kind: EntityKind;
  /**
   * Why the capture chose that kind, in a short sentence for the reader: "“Agency” heads the name", "a title stands
   * before it (“President”)", "the page's metadata (JSON-LD) lists it as an Organization", "named in a photo credit".
   */
  kindReason: string;
  /** The other forms this article uses for it ("Stoltenberg", "NATO"), never the name itself. */
  aliases: string[];
  /** Verbatim words of the article that say who or what it is ("the Secretary General of NATO"). */
  description?: string;
  /** Sentences of the article that name it, each an exact substring of the article's text, in article order. */
  facts: { quote: string }[];
}

/** A name already in the reader's notes: a capture reuses its name and kind. */
export interface KnownName {
  name: string;
  kind: EntityKind;
  aliases: string[];
}

/** Why no draft could be made. */
export interface CaptureError {
  error: 'no-article';
  message: string;
}

export function isCaptureError(result: CaptureDraft | CaptureError): result is CaptureError {
  return 'error' in result;
}
