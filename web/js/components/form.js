// Form building blocks with accessible inline errors: each field owns a label, an optional hint and an error
// line wired through aria-describedby/aria-invalid. Server errors land on the field named by `error.field`.

import { h, uniqueId } from '../lib/dom.js';
import { icon } from './icon.js';

/**
 * A labelled input. options: label, name, type, autocomplete, testid, hint, inputmode, required, revealable
 * (adds a Show/Hide toggle for passwords), labelAction (a node placed on the label row).
 * Returns { element, input, setError(message), clearError() }.
 */
export function textField({ label, name, type = 'text', autocomplete, testid, hint, inputmode, required = true, revealable = false, labelAction }) {
  const id = uniqueId(name);
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;

  const input = h('input', {
    id,
    name,
    type,
    class: 'input',
    autocomplete,
    inputmode,
    required,
    'aria-describedby': hintId,
    dataset: testid ? { testid } : undefined,
    autocapitalize: type === 'email' || type === 'password' ? 'none' : undefined,
    spellcheck: type === 'email' || type === 'password' ? 'false' : undefined,
  });
  const error = h('p', { id: errorId, class: 'field-error', hidden: true });

  const wrap = h('div', { class: revealable ? 'input-wrap input-wrap--toggle' : 'input-wrap' }, input);
  if (revealable) wrap.append(revealToggle(input, label));

  const element = h(
    'div',
    { class: 'field' },
    h('div', { class: 'field-label-row' }, h('label', { for: id, text: label }), labelAction),
    hint && h('p', { id: hintId, class: 'field-hint', text: hint }),
    wrap,
    error,
  );

  function setError(message) {
    error.replaceChildren(icon('error'), h('span', { text: message }));
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', [errorId, hintId].filter(Boolean).join(' '));
  }

  function clearError() {
    error.hidden = true;
    error.replaceChildren();
    input.removeAttribute('aria-invalid');
    if (hintId) input.setAttribute('aria-describedby', hintId);
    else input.removeAttribute('aria-describedby');
  }

  input.addEventListener('input', () => {
    if (input.getAttribute('aria-invalid') === 'true') clearError();
  });

  return { element, input, setError, clearError };
}

function revealToggle(input, label) {
  const toggle = h('button', {
    type: 'button',
    class: 'input-toggle',
    'aria-controls': input.id,
    'aria-pressed': 'false',
    'aria-label': `Show ${label.toLowerCase()}`,
    text: 'Show',
  });
  toggle.addEventListener('click', () => {
    const reveal = input.type === 'password';
    input.type = reveal ? 'text' : 'password';
    toggle.textContent = reveal ? 'Hide' : 'Show';
    toggle.setAttribute('aria-pressed', String(reveal));
    input.focus();
  });
  return toggle;
}

/** A titled card of a long form (the persona and focus group editors): heading, note and a body of fields. */
export function formSection(id, title, note, content, className = 'editor-grid') {
  return h(
    'section',
    { class: 'card editor-section', 'aria-labelledby': id },
    h('div', { class: 'card-header' }, h('div', {}, h('h2', { id, text: title }), note && h('p', { text: note }))),
    h('div', { class: `card-body ${className}` }, content),
  );
}

/** A form-level error box (role=alert). show(message | nodes) / hide(). */
export function formAlert() {
  const body = h('div', { class: 'alert-body' });
  const element = h('div', { class: 'alert alert-error', role: 'alert', hidden: true, dataset: { testid: 'form-error' } }, icon('error'), body);
  return {
    element,
    show(...content) {
      body.replaceChildren(...content.map((part) => (typeof part === 'string' ? h('p', { text: part }) : part)));
      element.hidden = false;
    },
    hide() {
      element.hidden = true;
      body.replaceChildren();
    },
  };
}

/** A full-width submit button that shows a spinner and a pending label while disabled. */
export function submitButton({ label, pendingLabel, testid, variant = 'btn-primary btn-block' }) {
  const text = h('span', { text: label });
  const button = h('button', { type: 'submit', class: `btn ${variant}`, dataset: testid ? { testid } : undefined }, text);
  return {
    element: button,
    setPending(pending) {
      setBusy(button, pending);
      text.textContent = pending ? pendingLabel : label;
    },
  };
}

/** Disables a button while its action runs, with a spinner and aria-busy. */
export function setBusy(button, busy) {
  button.disabled = busy;
  button.toggleAttribute('aria-busy', busy);
  const spinner = button.querySelector('.spinner');
  if (busy && !spinner) button.prepend(h('span', { class: 'spinner', 'aria-hidden': 'true' }));
  if (!busy) spinner?.remove();
}

/**
 * The field for an API error path such as "guide.sections[1].questions[0].text": the exact path, else the nearest
 * enclosing one ("guide.sections[1].questions", "guide.sections[1]" …), else null. `fields` maps paths to fields.
 */
export function fieldForPath(fields, path) {
  let candidate = typeof path === 'string' ? path : '';
  while (candidate) {
    if (Object.hasOwn(fields, candidate) && fields[candidate]) return fields[candidate];
    const cut = Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf('['));
    candidate = cut > 0 ? candidate.slice(0, cut) : '';
  }
  return null;
}

/**
 * Shows an ApiError: on the field named by `error.field` (or the nearest enclosing path) when the form has it,
 * otherwise in the form alert. `fields` maps API field names to textField results. Returns the input to focus.
 */
export function showApiError(error, fields, alert) {
  const target = fieldForPath(fields, error.field);
  if (target) {
    target.setError(error.message);
    return target.input;
  }
  alert.show(error.message);
  return null;
}

/**
 * The submit flow of a form: hides the alert and clears the checked fields' errors, runs the client checks
 * (`checks()` → [[field, message-or-null], …]) and focuses the first failure; when all pass, awaits `action()`
 * with the submit button pending. When it throws, the button is enabled again and `onError(error)` shows the
 * error and returns the input to focus (or nothing). After success the button stays pending: the form is done.
 */
export function handleSubmit(form, { alert, submit, checks, action, onError }) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.hide();
    const results = checks();
    for (const [field] of results) field.clearError();
    const invalid = validate(results);
    if (invalid) {
      invalid.focus();
      return;
    }

    submit.setPending(true);
    try {
      await action();
    } catch (error) {
      submit.setPending(false);
      onError(error)?.focus();
    }
  });
}

/** Runs client checks: [[field, message-or-null], …]. Marks each failure; returns the first invalid input. */
function validate(checks) {
  let first = null;
  for (const [field, message] of checks) {
    if (!message) continue;
    field.setError(message);
    first ??= field.input;
  }
  return first;
}

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailProblem(value) {
  if (!value.trim()) return 'Enter your e-mail address.';
  if (!EMAIL_SHAPE.test(value.trim())) return 'Enter an e-mail address like name@company.com.';
  return null;
}

export const PASSWORD_MIN_LENGTH = 8;
const PASSWORD_MAX_BYTES = 72;

export function newPasswordProblem(value) {
  if (!value) return 'Choose a password.';
  if (value.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (new TextEncoder().encode(value).length > PASSWORD_MAX_BYTES) return `Use at most ${PASSWORD_MAX_BYTES} bytes.`;
  return null;
}
