// "Generate a panel": the generation wizard arrives in the next step; until then this explains what it will do.

import { h } from '../lib/dom.js';
import { openDialog } from './dialog.js';
import { icon } from './persona-icons.js';

const STEPS = [
  ['Describe your audience', 'A short brief, or a customer-data CSV to ground the panel in.'],
  ['Check the sampling plan', 'Age, gender, income and attitude quotas, so the panel is diverse on purpose.'],
  ['Watch it build', 'Profiles are generated in parallel with live progress; failures can be retried.'],
  ['Review the panel', 'See the diversity score; near-duplicates are regenerated for you.'],
];

export function openGenerateDialog({ returnFocusTo }) {
  const done = h('button', { type: 'button', class: 'btn btn-primary', text: 'Got it', dataset: { testid: 'coming-next-close' } });
  const { dialog, close } = openDialog({
    labelledBy: 'generate-title',
    describedBy: 'generate-note',
    returnFocusTo,
    content: h(
      'div',
      { class: 'dialog-body' },
      h(
        'div',
        { class: 'coming-next-head' },
        h('span', { class: 'coming-next-icon' }, icon('sparkles')),
        h('div', {}, h('span', { class: 'badge badge-brand', text: 'Coming next' }), h('h2', { id: 'generate-title', text: 'Generate a panel' })),
      ),
      h('p', { id: 'generate-note', class: 'lede', text: 'The generation wizard is on its way. It will take you from a brief to a ready panel in four steps:' }),
      h(
        'ol',
        { class: 'coming-next-steps' },
        STEPS.map(([name, text], index) => h('li', {}, h('span', { class: 'step-number', text: String(index + 1) }), h('span', {}, h('strong', { text: name }), h('span', { text })))),
      ),
      h('div', { class: 'dialog-actions' }, done),
    ),
  });
  dialog.dataset.testid = 'coming-next-dialog';
  done.addEventListener('click', close);
  done.focus();
}
