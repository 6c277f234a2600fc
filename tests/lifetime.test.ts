import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PageLifetime, type StartCause } from '@/utils/page/lifetime';
import { isNewView } from '@/utils/page/navigation';
import { later, pause } from '@/utils/page/schedule';

function recorder() {
  const starts: { cause: StartCause; signal: AbortSignal }[] = [];
  const lifetime = new PageLifetime((signal, cause) => starts.push({ cause, signal }));
  return { lifetime, starts };
}

describe('the lifetime of "on for this page"', () => {
  it('starts once the settings say on, with the page load as its cause', () => {
    const { lifetime, starts } = recorder();
    expect(lifetime.isOn).toBe(false);
    lifetime.setOn(true);
    expect(starts.map((s) => s.cause)).toEqual(['load']);
    expect(lifetime.signal).toBe(starts[0].signal);
    lifetime.setOn(true);
    expect(starts).toHaveLength(1);
  });

  it('ends the lifetime when switched off, and starts a new one when switched back on', () => {
    const { lifetime, starts } = recorder();
    lifetime.setOn(true);
    lifetime.setOn(false);
    expect(starts[0].signal.aborted).toBe(true);
    expect(lifetime.signal).toBeNull();
    lifetime.setOn(true);
    expect(starts.map((s) => s.cause)).toEqual(['load', 'switch']);
    expect(starts[1].signal.aborted).toBe(false);
  });

  it('a page first seen off starts as a switch when turned on', () => {
    const { lifetime, starts } = recorder();
    lifetime.setOn(false);
    lifetime.setOn(true);
    expect(starts.map((s) => s.cause)).toEqual(['switch']);
  });

  it('restarts on an SPA navigation while on, and does nothing while off', () => {
    const { lifetime, starts } = recorder();
    lifetime.navigated();
    expect(starts).toHaveLength(0);
    lifetime.setOn(true);
    lifetime.navigated();
    lifetime.navigated();
    expect(starts.map((s) => s.cause)).toEqual(['load', 'navigation', 'navigation']);
    expect(starts.slice(0, 2).every((s) => s.signal.aborted)).toBe(true);
    expect(starts[2].signal.aborted).toBe(false);
  });

  it('ends for good when the extension goes away', () => {
    const { lifetime, starts } = recorder();
    lifetime.setOn(true);
    lifetime.end();
    lifetime.setOn(false);
    lifetime.setOn(true);
    lifetime.navigated();
    expect(starts).toHaveLength(1);
    expect(starts[0].signal.aborted).toBe(true);
    expect(lifetime.isOn).toBe(false);
  });

  it('leaves no half-started lifetime behind when starting fails', () => {
    let signal: AbortSignal | null = null;
    const lifetime = new PageLifetime((s) => {
      signal = s;
      throw new Error('boom');
    });
    expect(() => lifetime.setOn(true)).toThrow('boom');
    expect(signal!.aborted).toBe(true);
    expect(lifetime.signal).toBeNull();
  });
});

describe('timers that belong to a lifetime', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs a timer while the lifetime lasts, and never after it ended', () => {
    const controller = new AbortController();
    const ran: string[] = [];
    later(controller.signal, () => ran.push('a'), 10);
    later(controller.signal, () => ran.push('b'), 50);
    vi.advanceTimersByTime(20);
    controller.abort();
    vi.advanceTimersByTime(100);
    expect(ran).toEqual(['a']);
    later(controller.signal, () => ran.push('c'), 0);
    vi.advanceTimersByTime(10);
    expect(ran).toEqual(['a']);
  });

  it('can be cancelled by hand', () => {
    const ran: string[] = [];
    const cancel = later(new AbortController().signal, () => ran.push('a'), 10);
    cancel();
    vi.advanceTimersByTime(20);
    expect(ran).toEqual([]);
  });

  it('tells a paused loop whether to go on', async () => {
    const controller = new AbortController();
    const first = pause(controller.signal, 5);
    vi.advanceTimersByTime(5);
    expect(await first).toBe(true);
    const second = pause(controller.signal, 1000);
    controller.abort();
    expect(await second).toBe(false);
    expect(await pause(controller.signal)).toBe(false);
  });
});

describe('what counts as a new view', () => {
  it('a new path or query is a new view; a jump to an anchor is not, a hash route is', () => {
    expect(isNewView('https://a.com/x', 'https://a.com/y')).toBe(true);
    expect(isNewView('https://a.com/x?p=1', 'https://a.com/x?p=2')).toBe(true);
    expect(isNewView('https://a.com/x', 'https://a.com/x#section-2')).toBe(false);
    expect(isNewView('https://a.com/x#a', 'https://a.com/x#b')).toBe(false);
    expect(isNewView('https://a.com/app#/inbox', 'https://a.com/app#/sent')).toBe(true);
    expect(isNewView('https://a.com/app#!/inbox', 'https://a.com/app')).toBe(true);
    expect(isNewView('https://a.com/x', 'https://a.com/x')).toBe(false);
  });
});
