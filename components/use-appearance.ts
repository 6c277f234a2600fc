import { useEffect, useState } from 'preact/hooks';
import { followAppearance, type Appearance } from '@/utils/settings/items';

/** The stored appearance settings, kept live; `null` until the first read completes. */
export function useAppearance(): Appearance | null {
  const [appearance, setAppearance] = useState<Appearance | null>(null);
  useEffect(() => followAppearance(setAppearance), []);
  return appearance;
}
