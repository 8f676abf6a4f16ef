// The cost meter: dollars spent against the run's cap (a bar that turns amber near the cap), the tokens used and the
// credits charged (a replay is free).

import { h } from '../lib/dom.js';
import { formatNumber, formatPercent, formatUsd, plural } from '../lib/format.js';
import { sessionPanel } from './session-panel.js';

const NEAR_CAP = 0.8;

/** Returns { element, update(session) }. */
export function costPanel() {
  const panel = sessionPanel({ id: 'cost-heading', title: 'Cost', testid: 'cost-panel' });
  return {
    element: panel.element,
    update(session) {
      const { cost } = session;
      panel.render({ cost, replay: session.replay_of }, () => {
        const cap = Number(cost.cap_usd);
        const share = cap > 0 ? Math.min(1, cost.spent_micro_usd / 1e6 / cap) : 0;
        const bar = h('span', { class: share >= NEAR_CAP ? 'meter meter--high' : 'meter', 'aria-hidden': 'true' }, h('span', { class: 'meter-fill' }));
        bar.style.setProperty('--share', String(share));
        const fact = (label, value, testid) => h('div', { class: 'fact' }, h('dt', { text: label }), h('dd', {}, h('span', { class: 'fact-value', dataset: { testid }, text: value })));
        return [
          h('p', { class: 'cost-line' }, h('strong', { class: 'cost-spent', dataset: { testid: 'cost-spent' }, text: formatUsd(cost.spent_usd) }), h('span', { class: 'muted-note', text: ` of ${formatUsd(cost.cap_usd)} cap · ${formatPercent(share)}` })),
          bar,
          h(
            'dl',
            { class: 'facts facts--compact cost-facts' },
            fact('Tokens', `${formatNumber(cost.prompt_tokens + cost.completion_tokens)} (${formatNumber(cost.prompt_tokens)} in, ${formatNumber(cost.completion_tokens)} out)`, 'cost-tokens'),
            fact('Credits', session.replay_of ? 'None: replays are free' : plural(cost.credits_charged, 'credit'), 'cost-credits'),
          ),
        ];
      });
    },
  };
}
