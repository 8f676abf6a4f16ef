// What a page shows in place of content it could not fetch: a warning, the error's message and Try again.
// (The dashboard and the persona pages still build their own copy of this; they can move to it.)

import { h } from '../lib/dom.js';
import { icon } from './icon.js';

/** The empty-state block (the caller puts it in its card); `headingLevel` keeps the page's outline right. */
export function loadErrorState({ heading, error, retry, headingLevel = 'h2' }) {
  const button = h('button', { type: 'button', class: 'btn btn-secondary' }, icon('refresh'), 'Try again');
  button.addEventListener('click', retry);
  return h(
    'div',
    { class: 'empty-state', dataset: { testid: 'load-error' } },
    h('span', { class: 'icon-tile' }, icon('warning')),
    h(headingLevel, { text: heading }),
    h('p', { text: error.message }),
    h('div', { class: 'actions' }, button),
  );
}
