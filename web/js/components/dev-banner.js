// The environment banner: shown on every page when GET /api/version reports development settings or the local
// LLM simulator, so nobody mistakes simulated answers or a development stack for the real thing.

import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { icon } from './icon.js';

let versionRequest = null;

function environmentNotice() {
  versionRequest ??= api('/api/version', { auth: false })
    .then((version) => {
      if (version?.llm_simulated === true && version?.dev_mode === true) {
        return 'Development mode with the local LLM simulator: generated content is simulated, not for production data';
      }
      if (version?.llm_simulated === true) return 'LLM simulator in use: generated content is simulated';
      if (version?.dev_mode === true) return 'Development mode: not for production data';
      return null;
    })
    .catch(() => null);
  return versionRequest;
}

/** Fills `slot` with the banner once the version is known (immediately after the first answer). */
export async function mountDevBanner(slot) {
  const notice = await environmentNotice();
  if (!notice || !slot.isConnected) return;
  slot.replaceChildren(
    h(
      'aside',
      { class: 'dev-banner', 'aria-label': 'Environment', dataset: { testid: 'dev-banner' } },
      icon('warning'),
      h('span', { text: notice }),
    ),
  );
}
