// The environment banner: shown on every page when GET /api/version reports dev_mode.

import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { icon } from './icon.js';

let versionRequest = null;

function devMode() {
  versionRequest ??= api('/api/version', { auth: false })
    .then((version) => version?.dev_mode === true)
    .catch(() => false);
  return versionRequest;
}

/** Fills `slot` with the banner once the version is known (immediately after the first answer). */
export async function mountDevBanner(slot) {
  if (!(await devMode()) || !slot.isConnected) return;
  slot.replaceChildren(
    h(
      'aside',
      { class: 'dev-banner', 'aria-label': 'Environment', dataset: { testid: 'dev-banner' } },
      icon('warning'),
      h('span', { text: 'Development mode: local simulators, not for production data' }),
    ),
  );
}
