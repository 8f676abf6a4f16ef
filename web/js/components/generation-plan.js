// Wizard step 2: the sampling plan as toggles (at least one level per dimension) and the cost preflight.

import { h, uniqueId } from '../lib/dom.js';
import { formatNumber } from '../lib/format.js';
import { dimensionLabel, levelLabel } from './generation-api.js';
import { icon } from './icon.js';

/**
 * The sampling plan editor. `kept` (Map name → Set of values) is read and updated in place.
 * Returns { element } .
 */
export function samplingPlanEditor(plan, kept) {
  const groups = (plan.dimensions ?? []).map((dimension) => {
    if (!kept.has(dimension.name)) kept.set(dimension.name, new Set(dimension.levels.map((level) => level.value)));
    const chosen = kept.get(dimension.name);
    const total = dimension.levels.reduce((sum, level) => sum + (Number(level.weight) || 0), 0) || 1;
    const noteId = uniqueId('plan-note');
    const note = h('p', { id: noteId, class: 'plan-note', 'aria-live': 'polite' });
    const toggles = dimension.levels.map((level) => {
      const input = h('input', {
        type: 'checkbox',
        class: 'plan-toggle-input',
        name: dimension.name,
        value: level.value,
        checked: chosen.has(level.value),
        'aria-describedby': noteId,
        dataset: { testid: 'plan-level', dimension: dimension.name, value: level.value },
      });
      input.addEventListener('change', () => {
        if (input.checked) chosen.add(level.value);
        else if (chosen.size <= 1) {
          input.checked = true;
          note.textContent = `Keep at least one ${dimensionLabel(dimension.name).toLowerCase()} level.`;
          return;
        } else chosen.delete(level.value);
        note.textContent = '';
      });
      const share = Math.round(((Number(level.weight) || 0) / total) * 100);
      return h('label', { class: 'plan-toggle' }, input, h('span', { class: 'plan-toggle-face' }, icon('check', 'icon plan-toggle-check'), h('span', { text: levelLabel(level.value) }), h('span', { class: 'plan-toggle-share', text: `${share}%` })));
    });
    return h(
      'fieldset',
      { class: 'plan-dimension', dataset: { testid: 'plan-dimension', name: dimension.name } },
      h('legend', { text: dimensionLabel(dimension.name) }),
      h('div', { class: 'plan-toggles' }, toggles),
      note,
    );
  });
  return { element: h('div', { class: 'plan-grid' }, groups) };
}

/**
 * The cost line: "12 personas × 2 credits = 24 credits · balance 50". Returns { element, affordable }.
 */
export function costPreflight({ count, cost, balance }) {
  const total = count * cost;
  const affordable = Number.isFinite(balance) && balance >= total;
  const sum = `${count} ${count === 1 ? 'persona' : 'personas'} × ${cost} ${cost === 1 ? 'credit' : 'credits'} = ${formatNumber(total)} credits`;
  const element = h(
    'div',
    { class: affordable ? 'cost-box' : 'cost-box cost-box--short', dataset: { testid: 'gen-cost', affordable: String(affordable) } },
    icon('coins', 'icon cost-box-icon'),
    h(
      'div',
      { class: 'cost-box-body' },
      h('p', { class: 'cost-box-sum', text: sum }),
      h('p', { class: 'cost-box-balance' }, 'Your balance: ', h('strong', { dataset: { testid: 'gen-balance' }, text: Number.isFinite(balance) ? formatNumber(balance) : '—' }), ' credits'),
      affordable
        ? h('p', { class: 'cost-box-note', text: 'Only personas that are created are charged; a failed one costs nothing.' })
        : h(
            'p',
            { class: 'cost-box-note' },
            `You need ${formatNumber(total - (Number.isFinite(balance) ? balance : 0))} more credits for this panel. `,
            h('a', { href: '/billing', dataset: { testid: 'gen-billing-link' }, text: 'Buy credits in Billing' }),
            ' or ask for fewer personas.',
          ),
    ),
  );
  return { element, affordable };
}
