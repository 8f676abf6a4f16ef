// The live-updates indicator in the top bar (lib/live-socket.js): a dot and a word for connected, reconnecting and
// offline, with the detail (what the page does meanwhile, when it retries, why) in its tooltip and accessible name.
// A polite status region speaks only when the state changes, not on every retry; "Retry" connects at once.

import { h } from '../lib/dom.js';
import { liveSocket } from '../lib/live-socket.js';

const FALLBACK = 'Pages refresh every few seconds instead.';

function describe(state) {
  switch (state.status) {
    case 'connected':
      return { label: 'Live', detail: 'Live updates are on: the discussion and progress appear as they happen.' };
    case 'reconnecting':
      return { label: state.everConnected ? 'Reconnecting…' : 'Connecting…', detail: `Connecting to live updates. ${FALLBACK}` };
    default:
      return { label: 'Offline', detail: `Live updates are off${state.reason ? `: ${state.reason}` : '.'} ${FALLBACK}` };
  }
}

/** Returns { element }. It follows the tab's socket until it leaves the document. */
export function connectionIndicator() {
  const label = h('span', { class: 'connection-label' });
  const status = h('span', { class: 'connection-status has-tooltip', role: 'status', tabindex: '0', dataset: { testid: 'connection-status' } }, h('span', { class: 'connection-dot', 'aria-hidden': 'true' }), label);
  const retry = h('button', { type: 'button', class: 'btn btn-ghost btn-sm connection-retry', hidden: true, dataset: { testid: 'connection-retry' }, text: 'Retry' });
  const element = h('div', { class: 'connection-indicator', dataset: { testid: 'connection-indicator' } }, status, retry);
  retry.addEventListener('click', () => liveSocket.retryNow());

  let shown = null;
  let mounted = false;
  const unsubscribe = liveSocket.onState((state) => {
    if (mounted && !element.isConnected) return unsubscribe(); // the shell was replaced (signed out)
    mounted = element.isConnected;
    const { label: text, detail } = describe(state);
    element.dataset.state = state.status;
    status.dataset.tooltip = detail;
    status.setAttribute('aria-label', `${text}. ${detail}`);
    retry.hidden = state.status !== 'offline' || !state.canRetry;
    if (shown !== text) label.textContent = text; // the status region speaks on each change
    shown = text;
  });
  return { element };
}
