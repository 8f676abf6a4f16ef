// Form fields of the persona screens, shaped like form.js textField: { element, input, setError, clearError,
// value(), setValue() }. Each owns its label, optional hint and inline error (aria-describedby/aria-invalid),
// so showApiError() can put a server error on the field the API names.

import { h, uniqueId } from '../lib/dom.js';
import { icon } from './icon.js';

function fieldFrame({ id, label, hint, optional, control, testid, wide }) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const error = h('p', { id: errorId, class: 'field-error', hidden: true });
  const element = h(
    'div',
    { class: wide ? 'field field--wide' : 'field', dataset: testid ? { field: testid } : undefined },
    h('div', { class: 'field-label-row' }, h('label', { for: id }, label, optional && h('span', { class: 'field-optional', text: ' (optional)' }))),
    hint && h('p', { id: hintId, class: 'field-hint', text: hint }),
    control,
    error,
  );
  const described = (target) => {
    if (hintId) target.setAttribute('aria-describedby', hintId);
    else target.removeAttribute('aria-describedby');
  };
  return {
    element,
    setError(target, message) {
      error.replaceChildren(icon('error'), h('span', { text: message }));
      error.hidden = false;
      target.setAttribute('aria-invalid', 'true');
      target.setAttribute('aria-describedby', [errorId, hintId].filter(Boolean).join(' '));
    },
    clearError(target) {
      error.hidden = true;
      target.removeAttribute('aria-invalid');
      described(target);
    },
    describe: described,
  };
}

function wire(frame, input, { read, write }) {
  frame.describe(input);
  const field = {
    element: frame.element,
    input,
    setError: (message) => frame.setError(input, message),
    clearError: () => frame.clearError(input),
    value: read,
    setValue: write,
  };
  input.addEventListener('input', () => {
    if (input.getAttribute('aria-invalid') === 'true') field.clearError();
  });
  return field;
}

/** A text or number input. options: label, name, type, value, hint, optional, testid, min, max, maxlength, list (suggestions), wide. */
export function inputField({ label, name, type = 'text', value = '', hint, optional = false, testid, min, max, maxlength, list, wide = false, autocomplete = 'off' }) {
  const id = uniqueId(name);
  const listId = list ? `${id}-list` : null;
  const input = h('input', { id, name, type, class: 'input', min, max, maxlength, list: listId, autocomplete, inputmode: type === 'number' ? 'numeric' : undefined, dataset: testid ? { testid } : undefined });
  input.value = value ?? '';
  const control = h('div', { class: 'input-wrap' }, input, list && h('datalist', { id: listId }, list.map((option) => h('option', { value: option }))));
  const frame = fieldFrame({ id, label, hint, optional, control, testid, wide });
  return wire(frame, input, {
    read: () => (type === 'number' ? (input.value.trim() === '' ? null : Number(input.value)) : input.value.trim()),
    write: (next) => {
      input.value = next ?? '';
    },
  });
}

/** A multi-line text. options: label, name, value, hint, optional, rows, maxlength, testid. */
export function textareaField({ label, name, value = '', hint, optional = false, rows = 4, maxlength, testid }) {
  const id = uniqueId(name);
  const input = h('textarea', { id, name, rows, maxlength, class: 'input textarea', dataset: testid ? { testid } : undefined });
  input.value = value ?? '';
  const frame = fieldFrame({ id, label, hint, optional, control: input, testid, wide: true });
  return wire(frame, input, {
    read: () => input.value.trim(),
    write: (next) => {
      input.value = next ?? '';
    },
  });
}

/** A native select. options: label, name, value, choices [{value, label}], optional, testid, hint. */
export function selectField({ label, name, value = '', choices, optional = false, testid, hint }) {
  const id = uniqueId(name);
  const input = h(
    'select',
    { id, name, class: 'input select', dataset: testid ? { testid } : undefined },
    choices.map((choice) => h('option', { value: choice.value, text: choice.label })),
  );
  if (value && ![...input.options].some((option) => option.value === value)) input.append(h('option', { value, text: value }));
  input.value = value ?? '';
  const frame = fieldFrame({ id, label, hint, optional, control: h('div', { class: 'select-wrap' }, input, icon('chevronDown', 'icon select-chevron')), testid });
  return wire(frame, input, {
    read: () => input.value,
    write: (next) => {
      input.value = next ?? '';
    },
  });
}

/**
 * A list of short texts edited as removable chips plus an "add" input (Enter or comma adds; Backspace in an empty
 * input focuses the last chip's remove button). options: label, name, values, max, maxLength, placeholder, testid.
 */
export function chipsField({ label, name, values = [], max = 12, maxLength = 80, placeholder = 'Add and press Enter', testid }) {
  const id = uniqueId(name);
  let items = [...values];
  const list = h('ul', { class: 'chip-editor-list', 'aria-label': label });
  const input = h('input', { id, name, type: 'text', class: 'chip-editor-input', placeholder, maxlength: maxLength, autocomplete: 'off', dataset: testid ? { testid } : undefined });
  const add = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', 'aria-label': `Add to ${label.toLowerCase()}` }, icon('plus'));
  const status = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  const control = h('div', { class: 'chip-editor' }, list, h('div', { class: 'chip-editor-entry' }, input, add), status);
  const frame = fieldFrame({ id, label, control, testid, hint: null });

  function render() {
    list.replaceChildren(
      ...items.map((item, index) => {
        const remove = h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Remove ${item}` }, icon('close'));
        remove.addEventListener('click', () => {
          items.splice(index, 1);
          render();
          status.textContent = `Removed ${item}.`;
          const buttons = list.querySelectorAll('.chip-remove');
          (buttons[Math.min(index, buttons.length - 1)] ?? input).focus();
        });
        return h('li', { class: 'chip chip--editable' }, h('span', { text: item }), remove);
      }),
    );
    list.hidden = items.length === 0;
    input.disabled = items.length >= max;
    add.disabled = items.length >= max;
    input.placeholder = items.length >= max ? `Up to ${max} entries` : placeholder;
  }

  function commit({ focus = true } = {}) {
    const entries = input.value.split(',').map((part) => part.trim()).filter(Boolean);
    if (!entries.length) return;
    for (const entry of entries) {
      if (items.length >= max) break;
      if (!items.some((item) => item.toLowerCase() === entry.toLowerCase())) items.push(entry);
    }
    input.value = '';
    render();
    status.textContent = `Added ${entries.join(', ')}.`;
    if (focus && !input.disabled) input.focus();
  }

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Backspace' && input.value === '' && items.length) {
      list.querySelector('li:last-child .chip-remove')?.focus();
    }
  });
  input.addEventListener('blur', () => commit({ focus: false }));
  add.addEventListener('click', () => commit());
  render();

  return wire(frame, input, {
    read: () => {
      commit({ focus: false });
      return [...items];
    },
    write: (next) => {
      items = [...(next ?? [])];
      render();
    },
  });
}
