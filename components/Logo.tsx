import './Logo.css';

/** The Side Notes mark: a note with a dotted underline, drawn in the current colour. */
export function Logo({ size }: { size: number }) {
  return (
    <svg class="sn-logo" viewBox="0 0 20 20" width={size} height={size} aria-hidden="true">
      <rect x="1" y="1" width="18" height="18" rx="5" />
      <path d="M5.5 8h9M5.5 11.5h6" />
      <path class="sn-logo__dots" d="M5.5 15h9" />
    </svg>
  );
}
