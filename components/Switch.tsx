import type { ComponentChildren } from 'preact';
import './Switch.css';

export interface SwitchProps {
  label: ComponentChildren;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  testId?: string;
  /** The id of a note that says more about the switch (why it has no effect now, say). */
  describedBy?: string;
}

/** An on/off switch: a real button with `role="switch"`, so Space and Enter toggle it and readers announce it. */
export function Switch({ label, checked, onChange, disabled = false, testId, describedBy }: SwitchProps) {
  return (
    <button
      type="button"
      role="switch"
      class="sn-switch"
      aria-checked={checked}
      aria-describedby={describedBy}
      disabled={disabled}
      data-testid={testId}
      onClick={() => onChange(!checked)}
    >
      <span class="sn-switch__label">{label}</span>
      <span class="sn-switch__track" aria-hidden="true">
        <span class="sn-switch__thumb" />
      </span>
    </button>
  );
}
