// One persona in the grid (a card) or in the list (a table row). The name is the link to the profile; the
// checkbox selects it for bulk actions. `onToggle(id, checked)` reports selection changes.

import { h } from '../lib/dom.js';
import { personaAvatar } from './persona-avatar.js';
import { genderLabel, humanize } from './persona-api.js';
import { icon } from './icon.js';

const profileHref = (persona) => `/personas/${encodeURIComponent(persona.id)}`;

function selectBox(persona, selected, onToggle) {
  const box = h('input', { type: 'checkbox', class: 'checkbox', 'aria-label': `Select ${persona.name}`, dataset: { testid: 'persona-select' } });
  box.checked = selected;
  box.addEventListener('change', () => onToggle(persona.id, box.checked));
  return box;
}

function ageGender(persona) {
  return [Number.isFinite(persona.age) ? `${persona.age}` : null, persona.gender ? genderLabel(persona.gender) : null].filter(Boolean).join(' · ');
}

export function attitudeChip(attitude) {
  return attitude ? h('span', { class: 'chip chip--attitude', text: humanize(attitude) }) : null;
}

/** folderName: the name of the persona's folder when it should be shown (e.g. in "All personas"), else null. */
export function personaCard(persona, { selected, onToggle, folderName }) {
  const facts = [
    persona.occupation && h('li', {}, icon('briefcase'), h('span', { text: persona.occupation })),
    persona.location && h('li', {}, icon('mapPin'), h('span', { text: persona.location })),
  ].filter(Boolean);
  return h(
    'li',
    { class: selected ? 'persona-card is-selected' : 'persona-card', dataset: { testid: 'persona-card', id: persona.id } },
    h('label', { class: 'persona-card-select' }, selectBox(persona, selected, onToggle)),
    h(
      'div',
      { class: 'persona-card-head' },
      personaAvatar(persona, 'md'),
      h(
        'div',
        { class: 'persona-card-title' },
        h('h3', {}, h('a', { class: 'persona-card-link', href: profileHref(persona), dataset: { testid: 'persona-link' }, text: persona.name })),
        h('p', { class: 'persona-card-meta', text: ageGender(persona) }),
      ),
    ),
    facts.length ? h('ul', { class: 'persona-card-facts' }, facts) : h('p', { class: 'persona-card-facts persona-card-empty', text: 'No occupation or location yet' }),
    (persona.attitude || folderName) &&
      h('div', { class: 'persona-card-foot' }, attitudeChip(persona.attitude), folderName && h('span', { class: 'folder-tag' }, icon('folder'), h('span', { text: folderName }))),
  );
}

/** showFolder: whether the table has the Folder column (only in "All personas"). */
export function personaRow(persona, { selected, onToggle, folderName, showFolder }) {
  return h(
    'tr',
    { class: selected ? 'persona-row is-selected' : 'persona-row', dataset: { testid: 'persona-row', id: persona.id } },
    h('td', { class: 'col-select' }, selectBox(persona, selected, onToggle)),
    h(
      'td',
      { class: 'col-name' },
      h(
        'span',
        { class: 'persona-row-name' },
        personaAvatar(persona, 'sm'),
        h('span', {}, h('a', { href: profileHref(persona), dataset: { testid: 'persona-link' }, text: persona.name }), h('span', { class: 'persona-row-meta', text: ageGender(persona) })),
      ),
    ),
    h('td', { class: 'col-occupation', text: persona.occupation ?? '' }),
    h('td', { class: 'col-location muted', text: persona.location ?? '' }),
    h('td', { class: 'col-attitude' }, attitudeChip(persona.attitude)),
    showFolder && h('td', { class: 'col-folder muted', text: folderName ?? '—' }),
  );
}

export function personaTable(rows, { allState, onToggleAll, showFolder }) {
  const all = h('input', { type: 'checkbox', class: 'checkbox', 'aria-label': 'Select all on this page', dataset: { testid: 'select-all-rows' } });
  all.checked = allState === 'all';
  all.indeterminate = allState === 'some';
  all.addEventListener('change', () => onToggleAll(all.checked));
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table persona-table' },
      h('caption', { class: 'visually-hidden', text: 'Personas' }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col', class: 'col-select' }, all),
          h('th', { scope: 'col', class: 'col-name', text: 'Name' }),
          h('th', { scope: 'col', class: 'col-occupation', text: 'Occupation' }),
          h('th', { scope: 'col', class: 'col-location', text: 'Location' }),
          h('th', { scope: 'col', class: 'col-attitude', text: 'Attitude' }),
          showFolder && h('th', { scope: 'col', class: 'col-folder', text: 'Folder' }),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}
