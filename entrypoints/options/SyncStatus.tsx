import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { readSyncStatus, SYNC_STATUS_KEY, type SyncStatus as Status } from '@/utils/settings/sync';

/** What the status of settings sync means for the reader, in a sentence (README, "Settings across devices"). */
export function syncSentence(status: Status | null): { text: string; problem: boolean } {
  switch (status?.state) {
    case 'unavailable':
      return { text: `Your settings are kept on this device only: the browser’s sync is not available (${status.detail}).`, problem: true };
    case 'too-large':
      return {
        text: `Your list of sites is kept on this device only: ${status.detail}. The pause and how names are marked still sync.`,
        problem: true,
      };
    case 'failed':
      return {
        text: `The browser’s sync refused the last change (${status.detail}). Your settings are kept here; Side Notes tries again in a minute.`,
        problem: true,
      };
    default:
      return {
        text: 'These settings and how names are marked follow you to your other devices through your browser’s sync. Your notes stay on this device.',
        problem: false,
      };
  }
}

/** The settings' sync status, kept live (the background records it after every merge). */
export function SyncStatus() {
  const [status, setStatus] = useState<Status | null>(null);
  useEffect(() => {
    let live = true;
    const read = () =>
      void browser.storage.local.get(SYNC_STATUS_KEY).then((stored) => {
        if (live) setStatus(readSyncStatus(stored[SYNC_STATUS_KEY]));
      });
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && SYNC_STATUS_KEY in changes) read();
    };
    browser.storage.onChanged.addListener(onChanged);
    read();
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  const { text, problem } = syncSentence(status);
  return (
    <p
      class={problem ? 'options__error' : 'options__hint'}
      role={problem ? 'alert' : undefined}
      data-testid="sync-status"
      data-state={status?.state ?? 'unknown'}
    >
      {text}
    </p>
  );
}
