// A panel of the session page: a card with a heading whose body is rebuilt only when its data changed (the page
// polls every second), keeping keyboard focus on the control with the same `data-focus-key` across a rebuild.

import { h, replaceChildren } from '../lib/dom.js';

/** Rebuilds `container` with `build()` only when `data` (anything JSON can encode) differs from the last time. */
export function keyedRenderer(container) {
  let last = null;
  return (data, build) => {
    const key = JSON.stringify(data);
    if (key === last) return;
    last = key;
    const focused = container.contains(document.activeElement) ? document.activeElement.closest('[data-focus-key]')?.dataset.focusKey : null;
    replaceChildren(container, build());
    if (focused) container.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`)?.focus();
  };
}

/** options: id (the heading's), title, testid, className. Returns { element, badge, render(data, build) }. */
export function sessionPanel({ id, title, testid, className = '' }) {
  const badge = h('span', { class: 'badge', hidden: true });
  const body = h('div', { class: 'card-body' });
  const element = h(
    'section',
    { class: `card session-panel ${className}`.trim(), 'aria-labelledby': id, dataset: { testid } },
    h('div', { class: 'card-header' }, h('h2', { id, text: title }), badge),
    body,
  );
  return { element, badge, render: keyedRenderer(body) };
}
