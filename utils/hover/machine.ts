/**
 * When the card opens and closes, as a small state machine with named timings (after Wikipedia's Page Previews).
 * Pointer, keyboard and touch all reach the same states; the machine is pure, so it is tested without a browser,
 * and the content script only carries out the timer it asks for.
 */

/**
 * How long the pointer rests on a name before its card opens: long enough to pass over names without noise. The
 * default of the reader's "hover delay" setting, which is what the machine is given.
 */
export const OPEN_DELAY_MS = 350;
/** Grace after the pointer leaves the name or the card, so it can travel from one to the other. */
export const CLOSE_DELAY_MS = 300;

export type HoverState =
  | { phase: 'idle' }
  /** The pointer rests on a name; the card opens when the timer fires. */
  | { phase: 'dwelling'; target: string }
  | { phase: 'open'; target: string; over: 'name' | 'card' | null; pinned: boolean }
  /** The pointer left; the card closes when the timer fires unless the pointer comes back. */
  | { phase: 'closing'; target: string; pinned: boolean };

export type HoverEvent =
  | { type: 'enter-name'; target: string }
  | { type: 'leave-name' }
  | { type: 'enter-card' }
  | { type: 'leave-card' }
  /** Tap on a name, or keyboard request: open now and keep it open until dismissed. */
  | { type: 'open-now'; target: string }
  /** Another entity chosen inside the card (a related entity). */
  | { type: 'switch'; target: string }
  | { type: 'timer' }
  | { type: 'dismiss' };

export type TimerRequest = { kind: 'open' | 'close'; ms: number } | 'cancel' | 'keep';

export interface Transition {
  state: HoverState;
  timer: TimerRequest;
}

export const IDLE: HoverState = { phase: 'idle' };

export function openTarget(state: HoverState): string | null {
  return state.phase === 'open' || state.phase === 'closing' ? state.target : null;
}

export function hoverTransition(state: HoverState, event: HoverEvent, openDelayMs = OPEN_DELAY_MS): Transition {
  const stay: Transition = { state, timer: 'keep' };
  switch (event.type) {
    case 'enter-name':
      if (state.phase === 'open' && state.target === event.target) return { state: { ...state, over: 'name' }, timer: 'keep' };
      if (state.phase === 'closing' && state.target === event.target) {
        return { state: { phase: 'open', target: state.target, over: 'name', pinned: state.pinned }, timer: 'cancel' };
      }
      if (state.phase === 'dwelling' && state.target === event.target) return stay;
      return { state: { phase: 'dwelling', target: event.target }, timer: { kind: 'open', ms: openDelayMs } };
    case 'leave-name':
      if (state.phase === 'dwelling') return { state: IDLE, timer: 'cancel' };
      if (state.phase === 'open' && state.over === 'name') {
        if (state.pinned) return { state: { ...state, over: null }, timer: 'keep' };
        return { state: { phase: 'closing', target: state.target, pinned: false }, timer: { kind: 'close', ms: CLOSE_DELAY_MS } };
      }
      return stay;
    case 'enter-card':
      if (state.phase === 'open') return { state: { ...state, over: 'card' }, timer: 'keep' };
      if (state.phase === 'closing') {
        return { state: { phase: 'open', target: state.target, over: 'card', pinned: state.pinned }, timer: 'cancel' };
      }
      return stay;
    case 'leave-card':
      if (state.phase === 'open' && state.over === 'card') {
        if (state.pinned) return { state: { ...state, over: null }, timer: 'keep' };
        return { state: { phase: 'closing', target: state.target, pinned: false }, timer: { kind: 'close', ms: CLOSE_DELAY_MS } };
      }
      return stay;
    case 'open-now':
      return { state: { phase: 'open', target: event.target, over: null, pinned: true }, timer: 'cancel' };
    case 'switch':
      if (state.phase === 'open' || state.phase === 'closing') {
        return { state: { phase: 'open', target: event.target, over: 'card', pinned: true }, timer: 'cancel' };
      }
      return stay;
    case 'timer':
      if (state.phase === 'dwelling') return { state: { phase: 'open', target: state.target, over: 'name', pinned: false }, timer: 'keep' };
      if (state.phase === 'closing') return { state: IDLE, timer: 'keep' };
      return stay;
    case 'dismiss':
      return { state: IDLE, timer: 'cancel' };
  }
}
