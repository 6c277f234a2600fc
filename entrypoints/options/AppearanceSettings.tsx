import { KIND_PLURALS } from '@/components/kinds';
import { Switch } from '@/components/Switch';
import { useAppearance } from '@/components/use-appearance';
import { ENTITY_KINDS, type EntityKind } from '@/utils/bundle/schema';
import { updateAppearance, type Appearance } from '@/utils/settings/items';
import type { HoverModifier, UnderlineStyle } from '@/utils/settings/schema';

/** The hover delays offered, in ms; the default (350) is today's. */
const DELAYS: { ms: number; label: string }[] = [
  { ms: 0, label: 'None' },
  { ms: 150, label: 'Short (0.15 s)' },
  { ms: 350, label: 'Standard (0.35 s)' },
  { ms: 700, label: 'Long (0.7 s)' },
  { ms: 1200, label: 'Very long (1.2 s)' },
];

const MODIFIERS: { key: HoverModifier; label: string }[] = [
  { key: 'none', label: 'No key: hovering is enough' },
  { key: 'alt', label: 'Alt (Option ⌥ on a Mac)' },
  { key: 'ctrl', label: 'Ctrl' },
  { key: 'shift', label: 'Shift' },
];

const UNDERLINES: { style: UnderlineStyle; label: string }[] = [
  { style: 'dotted', label: 'Dotted underline' },
  { style: 'solid', label: 'Solid underline' },
  { style: 'background', label: 'Soft background' },
  { style: 'none', label: 'Nothing (open cards from the popup or the keyboard)' },
];


/**
 * How names are marked and when cards open (options page). Every change is stored at once and reaches open tabs
 * live, without a reload.
 */
export function AppearanceSettings() {
  const appearance = useAppearance();
  if (appearance === null) return null;
  const change = (next: Partial<Appearance>) => void updateAppearance(next);
  const delays = DELAYS.some(({ ms }) => ms === appearance.hoverDelayMs)
    ? DELAYS
    : [...DELAYS, { ms: appearance.hoverDelayMs, label: `${appearance.hoverDelayMs / 1000} s` }];

  return (
    <section class="options__section" aria-labelledby="appearance-heading" data-testid="appearance">
      <h2 id="appearance-heading">Names and cards</h2>

      <fieldset class="options__choices" data-testid="underline">
        <legend>Mark names with</legend>
        {UNDERLINES.map(({ style, label }) => (
          <label key={style} class="options__choice">
            <input
              type="radio"
              name="underline"
              value={style}
              checked={appearance.underline === style}
              onChange={() => change({ underline: style })}
            />
            <span class={`options__sample options__sample--${style}`} aria-hidden="true">
              NATO
            </span>
            {label}
          </label>
        ))}
      </fieldset>

      <Switch
        label="Quiet: mark only the first mention of each name on a page"
        checked={appearance.quiet}
        onChange={(quiet) => change({ quiet })}
        testId="quiet-switch"
      />

      <fieldset class="options__choices options__kinds" data-testid="kinds">
        <legend>Mark these kinds of names</legend>
        {ENTITY_KINDS.map((kind) => (
          <label key={kind} class="options__choice">
            <input
              type="checkbox"
              value={kind}
              checked={!appearance.unmarkedKinds.includes(kind)}
              onChange={(event) => {
                const marked = event.currentTarget.checked;
                void updateAppearance((now) => ({
                  ...now,
                  unmarkedKinds: marked ? now.unmarkedKinds.filter((other) => other !== kind) : [...now.unmarkedKinds, kind],
                }));
              }}
            />
            {KIND_PLURALS[kind]}
          </label>
        ))}
      </fieldset>
      <p class="options__hint">
        Names of the kinds left out are not marked and open no card on hover; the popup still lists them.
      </p>

      <div class="options__field">
        <label for="hover-delay">Open a card after the pointer rests on a name for</label>
        <select
          id="hover-delay"
          value={String(appearance.hoverDelayMs)}
          onChange={(event) => change({ hoverDelayMs: Number(event.currentTarget.value) })}
        >
          {delays.map(({ ms, label }) => (
            <option key={ms} value={String(ms)}>
              {label}
            </option>
          ))}
        </select>
      </div>

      <div class="options__field">
        <label for="hover-modifier">Open on hover only while holding</label>
        <select
          id="hover-modifier"
          value={appearance.hoverModifier}
          onChange={(event) => change({ hoverModifier: event.currentTarget.value as HoverModifier })}
        >
          {MODIFIERS.map(({ key, label }) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <p class="options__hint">On a touch screen a tap on a marked name opens its card at once. Esc closes a card.</p>
    </section>
  );
}
