import { describe, expect, it } from 'vitest';
import {
  CLOSE_DELAY_MS,
  hoverTransition,
  IDLE,
  OPEN_DELAY_MS,
  openTarget,
  type HoverEvent,
  type HoverState,
} from '@/utils/hover/machine';

/** Runs events from `start`, returning every state and the timer each step asked for. */
function run(events: HoverEvent[], start: HoverState = IDLE) {
  let state = start;
  const timers: unknown[] = [];
  for (const event of events) {
    const next = hoverTransition(state, event);
    state = next.state;
    timers.push(next.timer);
  }
  return { state, timers, open: openTarget(state) };
}

describe('hover machine', () => {
  it('opens a card only after the pointer rests on a name', () => {
    const resting = run([{ type: 'enter-name', target: 'nato' }]);
    expect(resting.state.phase).toBe('dwelling');
    expect(resting.open).toBeNull();
    expect(resting.timers).toEqual([{ kind: 'open', ms: OPEN_DELAY_MS }]);
    expect(run([{ type: 'enter-name', target: 'nato' }, { type: 'timer' }]).open).toBe('nato');
  });

  it('does nothing when the pointer only passes over a name', () => {
    const passing = run([{ type: 'enter-name', target: 'nato' }, { type: 'leave-name' }, { type: 'timer' }]);
    expect(passing.state).toEqual(IDLE);
    expect(passing.timers[1]).toBe('cancel');
  });

  it('gives the pointer time to travel from the name into the card', () => {
    const travelled = run([
      { type: 'enter-name', target: 'nato' },
      { type: 'timer' },
      { type: 'leave-name' },
      { type: 'enter-card' },
    ]);
    expect(travelled.timers[2]).toEqual({ kind: 'close', ms: CLOSE_DELAY_MS });
    expect(travelled.timers[3]).toBe('cancel');
    expect(travelled.open).toBe('nato');
  });

  it('closes after the grace period once the pointer leaves the card', () => {
    const left = run([
      { type: 'enter-name', target: 'nato' },
      { type: 'timer' },
      { type: 'leave-name' },
      { type: 'enter-card' },
      { type: 'leave-card' },
      { type: 'timer' },
    ]);
    expect(left.state).toEqual(IDLE);
  });

  it('moves to another name: the first card closes, the second waits for its own dwell', () => {
    const moved = run([{ type: 'enter-name', target: 'nato' }, { type: 'timer' }, { type: 'enter-name', target: 'seoul' }]);
    expect(moved.state).toEqual({ phase: 'dwelling', target: 'seoul' });
  });

  it('opens at once on a tap and stays open until dismissed', () => {
    const tapped = run([{ type: 'open-now', target: 'kyiv' }, { type: 'leave-name' }, { type: 'leave-card' }]);
    expect(tapped.open).toBe('kyiv');
    expect(run([{ type: 'open-now', target: 'kyiv' }, { type: 'dismiss' }]).state).toEqual(IDLE);
  });

  it('Esc (dismiss) closes whatever is open or pending', () => {
    for (const events of [
      [{ type: 'enter-name', target: 'nato' }],
      [{ type: 'enter-name', target: 'nato' }, { type: 'timer' }],
    ] as HoverEvent[][]) {
      const dismissed = run([...events, { type: 'dismiss' }]);
      expect(dismissed.state).toEqual(IDLE);
      expect(dismissed.timers.at(-1)).toBe('cancel');
    }
  });

  it('switches the open card to a related entity and keeps it open', () => {
    const switched = run([{ type: 'enter-name', target: 'nato' }, { type: 'timer' }, { type: 'switch', target: 'jens-stoltenberg' }]);
    expect(switched.open).toBe('jens-stoltenberg');
    expect(switched.state).toMatchObject({ pinned: true });
    expect(run([{ type: 'switch', target: 'nato' }]).state).toEqual(IDLE);
  });
});
