import type { Bundle } from '@/utils/bundle/schema';
import natoSouthKorea2023 from '@/assets/bundles/nato-south-korea-2023.json';

/**
 * The bundle the extension ships with. It is not parsed at run time: `npm run bundle` validated it when it was
 * written and tests/bundle.test.ts fails if it drifts from its seed, so the content script needs no valibot.
 */
export const defaultBundle: Bundle = natoSouthKorea2023 as Bundle;
