// Unknown paths and pages the user may not open.

import { h } from '../lib/dom.js';
import { icon } from '../components/icon.js';

export const title = 'Page not found';

export function render({ forbidden = false } = {}) {
  const heading = forbidden ? 'You do not have access to this page' : 'Page not found';
  const text = forbidden
    ? 'This area is for administrators. If you need access, ask the person who runs Cohorta for your team.'
    : 'The address may be mistyped, or the page may have moved.';
  return h(
    'div',
    { class: 'card' },
    h(
      'div',
      { class: 'empty-state' },
      h('span', { class: 'icon-tile' }, icon(forbidden ? 'lock' : 'compass')),
      h('h1', { text: heading }),
      h('p', { text }),
      h('div', { class: 'actions' }, h('a', { class: 'btn btn-primary', href: '/dashboard', text: 'Go to dashboard' })),
    ),
  );
}
