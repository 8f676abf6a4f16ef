// Themes with their evidence: each theme's title and summary, and its quotes with the speaker and a link to the
// message in the discussion. Shared by the live themes panel, the report and the compare view.

import { h } from '../lib/dom.js';
import { personaAvatar } from './persona-avatar.js';
import { messageAnchor } from './session-discussion.js';
import { sessionPanel } from './session-panel.js';

/** A theme title compared loosely (case, spacing, punctuation). */
export const themeKey = (title) => String(title ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * themes: [{title, summary, quotes [{seq, persona_id, text}]}]; participants: the session's; onQuote(seq) scrolls to
 * a message (without it, quotes are not links); shared: a Set of themeKey()s found in another session (compare view).
 */
export function themeList(themes, { participants, onQuote, shared } = {}) {
  const byId = new Map((participants ?? []).map((person) => [person.id, person]));
  return h(
    'ol',
    { class: 'themes' },
    themes.map((theme) =>
      h(
        'li',
        { class: 'theme', dataset: { testid: 'theme' } },
        h(
          'h3',
          { class: 'theme-title' },
          h('span', { dataset: { testid: 'theme-title' }, text: theme.title }),
          shared && (shared.has(themeKey(theme.title)) ? h('span', { class: 'badge badge-success', text: 'In both' }) : h('span', { class: 'badge badge-brand', text: 'Only here' })),
        ),
        theme.summary && h('p', { class: 'theme-summary', text: theme.summary }),
        theme.quotes?.length > 0 && h('ul', { class: 'quotes', 'aria-label': 'Quotes' }, theme.quotes.map((quote) => quoteItem(quote, byId.get(quote.persona_id), onQuote))),
      ),
    ),
  );
}

function quoteItem(quote, person, onQuote) {
  const name = person?.name ?? 'A participant';
  let source = null;
  if (onQuote) {
    source = h('a', { class: 'quote-link', href: `#${messageAnchor(quote.seq)}`, dataset: { testid: 'quote-link', seq: String(quote.seq) } }, `#${quote.seq}`, h('span', { class: 'visually-hidden', text: ': show in the discussion' }));
    source.addEventListener('click', (event) => {
      event.preventDefault();
      onQuote(quote.seq);
    });
  } else source = h('span', { class: 'quote-link', text: `#${quote.seq}` });
  return h(
    'li',
    { class: 'quote', dataset: { testid: 'quote' } },
    h('blockquote', { class: 'quote-text', text: quote.text }),
    h('p', { class: 'quote-by' }, personaAvatar(person ?? { name }, 'sm'), h('span', { class: 'quote-name', text: name }), source),
  );
}

/** The live themes panel (the report takes over once there is one). onQuote(seq). Returns { element, update(session) }. */
export function themesPanel({ onQuote }) {
  const panel = sessionPanel({ id: 'themes-heading', title: 'Themes', testid: 'themes-panel' });
  return {
    element: panel.element,
    update(session) {
      const themes = session.themes ?? [];
      panel.badge.hidden = !themes.length;
      panel.badge.textContent = String(themes.length);
      panel.render(themes, () =>
        themes.length
          ? themeList(themes, { participants: session.participants, onQuote })
          : h('p', { class: 'muted-note', dataset: { testid: 'themes-empty' }, text: 'Themes appear here as each section of the guide ends, with quotes from at least two participants.' }),
      );
    },
  };
}
