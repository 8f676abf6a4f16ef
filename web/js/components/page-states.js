// The states of a page that shows one object (a persona, a focus group): not found, could not load, and the focus
// move to the page's h1 after the content changes.

import { h } from '../lib/dom.js';
import { icon } from './icon.js';

/** Moves focus to the page's h1 (after the content replaced the skeleton or switched modes). */
export function focusPageHeading() {
  const heading = document.querySelector('#main h1');
  if (!heading) return;
  heading.setAttribute('tabindex', '-1');
  heading.focus({ preventScroll: true });
}

/** "… not found" with a way back. options: iconName, heading, href, linkText. */
export function notFoundCard({ iconName, heading, href, linkText }) {
  return h(
    'div',
    { class: 'card' },
    h(
      'div',
      { class: 'empty-state' },
      h('span', { class: 'icon-tile' }, icon(iconName)),
      h('h1', { text: heading }),
      h('p', { text: 'It may have been deleted, or the link may be mistyped.' }),
      h('div', { class: 'actions' }, h('a', { class: 'btn btn-primary', href, text: linkText })),
    ),
  );
}

/** An empty list or search in a card: icon, heading, text and actions. level: the heading's tag. */
export function emptyCard({ iconName, heading, text, actions, testid, level = 'h2' }) {
  return h(
    'div',
    { class: 'card empty-card', dataset: testid ? { testid } : undefined },
    h('div', { class: 'empty-state' }, h('span', { class: 'icon-tile' }, icon(iconName)), h(level, { text: heading }), h('p', { text }), h('div', { class: 'actions' }, actions)),
  );
}

/** A "Try again" button. */
export function retryButton(retry) {
  const button = h('button', { type: 'button', class: 'btn btn-secondary' }, icon('refresh'), 'Try again');
  button.addEventListener('click', retry);
  return button;
}

/** "… could not be loaded" with the error and a retry button. */
export function loadErrorCard(error, retry, heading) {
  return h(
    'div',
    { class: 'card' },
    h('div', { class: 'empty-state' }, h('span', { class: 'icon-tile' }, icon('warning')), h('h1', { text: heading }), h('p', { text: error.message }), h('div', { class: 'actions' }, retryButton(retry))),
  );
}
