// The diff of a persona modification (CONTRACT-3b "Modification API"): a table of proposed changes with a checkbox
// each (none selected by default), and the PATCH body for the selected ones.

import { h } from '../lib/dom.js';
import { BEHAVIOURS, genderLabel, humanize, PSYCHOGRAPHICS } from './persona-api.js';

const FIELD_LABELS = {
  name: 'Name',
  age: 'Age',
  gender: 'Gender',
  location: 'Location',
  occupation: 'Occupation',
  income_band: 'Income band',
  attitude: 'Attitude',
  bio: 'Bio',
  quote: 'Quote',
};

export function fieldLabel(field) {
  if (FIELD_LABELS[field]) return FIELD_LABELS[field];
  const [group, key] = String(field).split('.');
  const list = group === 'psychographics' ? PSYCHOGRAPHICS : group === 'behaviours' ? BEHAVIOURS : [];
  const label = list.find((item) => item.key === key)?.label;
  return label ? `${humanize(group)}: ${label.toLowerCase()}` : humanize(field);
}

function valueText(field, value) {
  if (value === null || value === undefined || value === '') return null;
  if (field === 'gender') return genderLabel(value);
  if (field === 'income_band' || field === 'attitude') return humanize(value);
  return String(value);
}

/** A value cell: lists as chips (added/removed marked against the other side), scalars as text. */
function valueCell(field, value, other, side) {
  if (Array.isArray(value)) {
    const otherSet = new Set(Array.isArray(other) ? other : []);
    if (!value.length) return h('span', { class: 'diff-empty', text: 'None' });
    return h(
      'ul',
      { class: 'diff-chips' },
      value.map((item) => {
        const changed = !otherSet.has(item);
        const mark = changed ? (side === 'after' ? 'added' : 'removed') : null;
        return h('li', { class: mark ? `chip diff-chip diff-chip--${mark}` : 'chip diff-chip' }, mark && h('span', { class: 'visually-hidden', text: mark === 'added' ? 'Added: ' : 'Removed: ' }), String(item));
      }),
    );
  }
  const text = valueText(field, value);
  return text === null ? h('span', { class: 'diff-empty', text: 'Not set' }) : h('span', { class: `diff-text diff-text--${side}`, text });
}

/**
 * The diff table. Returns { element, selected() → changes, onChange(callback) }.
 */
export function diffTable(changes) {
  const boxes = [];
  const listeners = [];
  const rows = changes.map((change, index) => {
    const id = `diff-change-${index}`;
    const box = h('input', { type: 'checkbox', id, class: 'diff-check', 'aria-describedby': `${id}-reason`, dataset: { testid: 'diff-check', field: change.field } });
    box.addEventListener('change', () => {
      row.classList.toggle('is-selected', box.checked);
      for (const listener of listeners) listener();
    });
    boxes.push(box);
    const row = h(
      'tr',
      { class: 'diff-row', dataset: { testid: 'diff-row', field: change.field } },
      h('td', { class: 'diff-select' }, box),
      h('th', { scope: 'row', class: 'diff-field' }, h('label', { for: id, text: fieldLabel(change.field) })),
      h('td', { class: 'diff-before', 'data-label': 'Before' }, valueCell(change.field, change.before, change.after, 'before')),
      h('td', { class: 'diff-after', 'data-label': 'After' }, valueCell(change.field, change.after, change.before, 'after')),
      h('td', { id: `${id}-reason`, class: 'diff-reason', 'data-label': 'Reason', text: change.reason || '' }),
    );
    return row;
  });
  const element = h(
    'div',
    { class: 'diff-wrap' },
    h(
      'table',
      { class: 'table diff-table', dataset: { testid: 'diff-table' } },
      h('caption', { class: 'visually-hidden', text: 'Proposed changes. Select the ones to apply.' }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'diff-select' }, h('span', { class: 'visually-hidden', text: 'Apply' })), h('th', { scope: 'col', text: 'Field' }), h('th', { scope: 'col', text: 'Before' }), h('th', { scope: 'col', text: 'After' }), h('th', { scope: 'col', text: 'Reason' }))),
      h('tbody', {}, rows),
    ),
  );
  return {
    element,
    boxes,
    selected: () => changes.filter((_, index) => boxes[index].checked),
    onChange: (listener) => listeners.push(listener),
  };
}

/** The PATCH body for the selected changes; grouped fields ("psychographics.values") keep the group's other keys. */
export function patchFor(persona, changes) {
  const body = {};
  for (const { field, after } of changes) {
    const [group, key] = String(field).split('.');
    if (key) {
      body[group] ??= { ...(persona[group] ?? {}) };
      body[group][key] = after;
    } else {
      body[field] = after;
    }
  }
  return body;
}
