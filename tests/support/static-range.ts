// happy-dom has no StaticRange; the spec's is a plain record of its boundary points. Imported for its effect.
globalThis.StaticRange ??= class {
  readonly startContainer: Node;
  readonly startOffset: number;
  readonly endContainer: Node;
  readonly endOffset: number;
  constructor(init: StaticRangeInit) {
    ({ startContainer: this.startContainer, startOffset: this.startOffset } = init);
    ({ endContainer: this.endContainer, endOffset: this.endOffset } = init);
  }
  get collapsed() {
    return this.startContainer === this.endContainer && this.startOffset === this.endOffset;
  }
} as unknown as typeof StaticRange;
