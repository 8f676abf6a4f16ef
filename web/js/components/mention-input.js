// The researcher's message box with @mentions. Typing "@" (at the start or after a space) opens a listbox of the
// participants, filtered by what follows; ↑/↓ move, Enter or Tab choose, Escape closes. Focus stays in the box, which
// points at the highlighted option with aria-activedescendant and aria-autocomplete=list (a <textarea> may not take
// role=combobox), and a polite status says how many match. The chosen persona answers next: it is shown as a
// removable chip and sent as `personaId`, and dropped again when its "@Name" is deleted from the text. Enter sends,
// Shift+Enter starts a new line.

import { h, uniqueId } from '../lib/dom.js';
import { icon } from './icon.js';
import { personaAvatar } from './persona-avatar.js';
import { attitudeChip } from './persona-card.js';
import { TEXT_MAX } from './session-api.js';

const MENTION = /(^|\s)@([^\s@]*)$/;

/**
 * options: participants [{id, name, attitude, avatar}], onSend({text, personaId}) → Promise (rejects with an error
 * whose message is shown). Returns { element, setMode({label, hint, sendLabel}), setDisabled(bool, reason) }.
 */
export function mentionInput({ participants, onSend }) {
  const id = uniqueId('composer');
  const listId = `${id}-mentions`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  let options = [];
  let active = -1;
  let mention = null; // the participant who answers next
  let sending = false;

  const label = h('label', { for: id, class: 'composer-label' });
  const hint = h('p', { id: hintId, class: 'field-hint composer-hint' });
  const box = h('textarea', {
    id,
    class: 'input textarea composer-input',
    rows: '2',
    maxlength: String(TEXT_MAX),
    'aria-autocomplete': 'list',
    'aria-controls': listId,
    'aria-describedby': hintId,
    autocomplete: 'off',
    dataset: { testid: 'composer-input' },
  });
  const listbox = h('ul', { id: listId, class: 'mention-list', role: 'listbox', 'aria-label': 'Participants', hidden: true, dataset: { testid: 'mention-list' } });
  const chip = h('div', { class: 'composer-mention', hidden: true, dataset: { testid: 'composer-mention' } });
  const error = h('p', { id: errorId, class: 'field-error', hidden: true, role: 'alert' });
  const status = h('p', { class: 'visually-hidden', role: 'status' });
  const sendText = h('span', { text: 'Send' });
  const send = h('button', { type: 'submit', class: 'btn btn-primary composer-send', dataset: { testid: 'composer-send' } }, icon('send'), sendText);
  const form = h(
    'form',
    { class: 'composer', novalidate: true, dataset: { testid: 'composer' } },
    h('div', { class: 'composer-head' }, label, chip),
    hint,
    h('div', { class: 'composer-row' }, h('div', { class: 'composer-box' }, box, listbox), send),
    error,
    status,
  );

  // ---- The listbox ---------------------------------------------------------------------------------------------
  function query() {
    const match = MENTION.exec(box.value.slice(0, box.selectionStart ?? box.value.length));
    return match ? match[2] : null;
  }

  function openFor(text) {
    const needle = text.toLowerCase();
    options = participants.filter((person) => person.name.toLowerCase().split(/\s+/).some((part) => part.startsWith(needle)));
    if (!options.length) return close();
    active = 0;
    listbox.replaceChildren(
      ...options.map((person, index) => {
        const option = h('li', { id: `${listId}-${index}`, class: 'mention-option', role: 'option', 'aria-selected': 'false', dataset: { testid: 'mention-option', id: person.id } }, personaAvatar(person, 'sm'), h('span', { class: 'mention-name', text: person.name }), attitudeChip(person.attitude));
        option.addEventListener('mousedown', (event) => event.preventDefault()); // keep focus in the box
        option.addEventListener('click', () => choose(person));
        return option;
      }),
    );
    if (listbox.hidden) status.textContent = `${options.length === 1 ? '1 participant' : `${options.length} participants`}: up and down arrows to move, Enter to choose.`;
    listbox.hidden = false;
    highlight();
  }

  function close() {
    options = [];
    active = -1;
    listbox.hidden = true;
    listbox.replaceChildren();
    box.removeAttribute('aria-activedescendant');
  }

  function highlight() {
    [...listbox.children].forEach((option, index) => option.setAttribute('aria-selected', String(index === active)));
    const current = listbox.children[active];
    if (!current) return;
    box.setAttribute('aria-activedescendant', current.id);
    current.scrollIntoView({ block: 'nearest' });
  }

  function choose(person) {
    const caret = box.selectionStart ?? box.value.length;
    const before = box.value.slice(0, caret).replace(/@[^\s@]*$/, `@${person.name} `);
    box.value = before + box.value.slice(caret).replace(/^\S*\s?/, '');
    box.setSelectionRange(before.length, before.length);
    setMention(person);
    close();
    status.textContent = `${person.name} answers next.`;
    box.focus();
  }

  // ---- The chosen persona --------------------------------------------------------------------------------------
  function setMention(person) {
    mention = person;
    chip.hidden = !person;
    if (!person) return chip.replaceChildren();
    const remove = h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Do not ask ${person.name} next` }, icon('close'));
    remove.addEventListener('click', () => {
      box.value = box.value.replace(`@${person.name}`, person.name);
      setMention(null);
      box.focus();
    });
    chip.replaceChildren(h('span', { class: 'chip chip--plain' }, icon('atSign'), h('span', {}, 'Answers next: ', h('strong', { text: person.name })), remove));
  }

  // ---- Events --------------------------------------------------------------------------------------------------
  box.addEventListener('input', () => {
    error.hidden = true;
    if (mention && !box.value.includes(`@${mention.name}`)) setMention(null);
    const text = query();
    if (text === null) close();
    else openFor(text);
  });
  box.addEventListener('blur', () => close());
  box.addEventListener('keydown', (event) => {
    if (!listbox.hidden && options.length) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        active = (active + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length;
        highlight();
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        choose(options[active]);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        close();
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = box.value.trim();
    if (sending || send.disabled) return;
    if (!text) {
      showError('Write a message first.');
      return;
    }
    sending = true;
    send.disabled = true;
    try {
      await onSend({ text, personaId: mention?.id ?? null });
      box.value = '';
      setMention(null);
    } catch (failure) {
      showError(failure.message);
    } finally {
      sending = false;
      send.disabled = box.disabled;
    }
  });

  function showError(message) {
    error.replaceChildren(icon('error'), h('span', { text: message }));
    error.hidden = false;
    box.focus();
  }

  return {
    element: form,
    setMode({ label: labelText, hint: hintText, sendLabel }) {
      for (const [node, text] of [[label, labelText], [hint, hintText], [sendText, sendLabel]]) {
        if (node.textContent !== text) node.textContent = text;
      }
    },
    setDisabled(disabled) {
      box.disabled = disabled;
      send.disabled = disabled || sending;
      if (disabled) close();
    },
  };
}
