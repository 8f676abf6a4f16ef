// The credit packs editor of Admin › Credit settings: one row per pack (id, name, price in dollars, credits, on
// sale), "Add a pack", and Remove for a pack not yet saved; a saved pack is taken off sale rather than deleted, so
// past purchases keep their name. rows() reads them back as the API's credit_packs, or null after marking errors.

import { h, uniqueId } from '../lib/dom.js';
import { icon } from './icon.js';

const ID = /^[a-z0-9-]{1,40}$/;
const DOLLARS = /^\d{1,5}(\.\d{1,2})?$/;
const MAX_PACKS = 12;

const centsOf = (text) => {
  const [whole, fraction = ''] = text.trim().split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
};
const dollarsOf = (cents) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

function cell(label, input) {
  const id = uniqueId('pack');
  input.id = id;
  return h('div', { class: 'admin-pack-cell' }, h('label', { for: id, class: 'admin-pack-label', text: label }), input);
}

function packRow(pack, saved, onRemove) {
  const inputs = {
    id: h('input', { class: 'input', value: pack.id ?? '', readonly: saved, maxlength: 40, dataset: { testid: 'admin-pack-id' } }),
    name: h('input', { class: 'input', value: pack.name ?? '', maxlength: 60, dataset: { testid: 'admin-pack-name' } }),
    price: h('input', { class: 'input', inputmode: 'decimal', value: pack.price_cents ? dollarsOf(pack.price_cents) : '', dataset: { testid: 'admin-pack-price' } }),
    credits: h('input', { class: 'input', inputmode: 'numeric', value: pack.credits ?? '', dataset: { testid: 'admin-pack-credits' } }),
    active: h('input', { type: 'checkbox', class: 'checkbox', dataset: { testid: 'admin-pack-active' } }),
  };
  inputs.active.checked = pack.active !== false;
  const error = h('p', { class: 'field-error', hidden: true });
  const remove = saved ? null : h('button', { type: 'button', class: 'btn btn-ghost btn-sm', 'aria-label': 'Remove this pack' }, icon('trash'), 'Remove');
  const element = h(
    'li',
    { class: 'admin-pack', dataset: { testid: 'admin-pack' } },
    h('div', { class: 'admin-pack-fields' }, cell('Id', inputs.id), cell('Name', inputs.name), cell('Price (USD)', inputs.price), cell('Credits', inputs.credits), h('label', { class: 'admin-pack-active' }, inputs.active, 'On sale'), remove),
    error,
  );
  remove?.addEventListener('click', () => onRemove(element));

  function problem() {
    const credits = Number(inputs.credits.value);
    if (!ID.test(inputs.id.value.trim())) return [inputs.id, 'The id is 1–40 lowercase letters, digits and hyphens.'];
    if (!inputs.name.value.trim()) return [inputs.name, 'Give the pack a name.'];
    if (!DOLLARS.test(inputs.price.value.trim()) || centsOf(inputs.price.value) < 50 || centsOf(inputs.price.value) > 1_000_000) return [inputs.price, 'The price is $0.50 to $10,000.'];
    if (!/^\d+$/.test(inputs.credits.value.trim()) || credits < 1 || credits > 1_000_000) return [inputs.credits, 'Credits are a whole number from 1 to 1,000,000.'];
    return null;
  }

  return {
    element,
    read() {
      const found = problem();
      for (const input of Object.values(inputs)) input.removeAttribute('aria-invalid');
      error.hidden = !found;
      if (found) {
        found[0].setAttribute('aria-invalid', 'true');
        error.replaceChildren(icon('error'), h('span', { text: found[1] }));
        return { invalid: found[0] };
      }
      return { pack: { id: inputs.id.value.trim(), name: inputs.name.value.trim(), price_cents: centsOf(inputs.price.value), credits: Number(inputs.credits.value), active: inputs.active.checked } };
    },
  };
}

/** packs: the saved credit_packs. Returns {element, rows() → {packs} | {invalid: input} | {problem: text}}. */
export function packsEditor(packs) {
  const rows = [];
  const list = h('ul', { class: 'admin-packs', dataset: { testid: 'admin-packs' } });
  const add = h('button', { type: 'button', class: 'btn btn-secondary btn-sm', dataset: { testid: 'admin-pack-add' } }, icon('plus'), 'Add a pack');

  function append(pack, saved) {
    const row = packRow(pack, saved, (element) => {
      rows.splice(rows.findIndex((candidate) => candidate.element === element), 1);
      element.remove();
      add.disabled = rows.length >= MAX_PACKS;
      add.focus();
    });
    rows.push(row);
    list.append(row.element);
    add.disabled = rows.length >= MAX_PACKS;
    return row;
  }

  for (const pack of packs) append(pack, true);
  add.addEventListener('click', () => append({}, false).element.querySelector('input')?.focus());

  return {
    element: h('fieldset', { class: 'admin-packs-field' }, h('legend', { text: 'Credit packs' }), list, add),
    rows() {
      const read = rows.map((row) => row.read());
      const invalid = read.find((entry) => entry.invalid);
      if (invalid) return invalid;
      const result = read.map((entry) => entry.pack);
      if (!result.length) return { problem: 'Keep at least one pack.' };
      if (new Set(result.map((pack) => pack.id)).size !== result.length) return { problem: 'Two packs have the same id.' };
      if (!result.some((pack) => pack.active)) return { problem: 'Keep at least one pack on sale.' };
      return { packs: result };
    },
  };
}
