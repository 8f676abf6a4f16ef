// "Fork from here": a dialog that branches a session at a message, optionally rewriting that message, starts the
// new (charged) run and opens it. A 402 gets the app's payment-required dialog; other errors stay in the dialog.

import { h, uniqueId } from '../lib/dom.js';
import { navigate } from '../lib/router.js';
import { openDialog } from './dialog.js';
import { formAlert, submitButton } from './form.js';
import { getBalance } from './generation-api.js';
import { paymentRequiredDialog } from './payment-required.js';
import { forkSession, sessionHref, TEXT_MAX } from './session-api.js';

/** session: the parent; message: the one to branch at; trigger: the button (focus returns there). */
export function openForkDialog(session, message, trigger) {
  const id = uniqueId('fork-text');
  const text = h('textarea', { id, class: 'input textarea', rows: '5', maxlength: String(TEXT_MAX), 'aria-describedby': `${id}-hint`, dataset: { testid: 'fork-text' } });
  text.value = message.text;
  const alert = formAlert();
  const submit = submitButton({ label: 'Start the fork', pendingLabel: 'Starting…', testid: 'fork-submit', variant: 'btn-primary' });
  const cancel = h('button', { type: 'button', class: 'btn btn-secondary', text: 'Cancel' });
  const form = h(
    'form',
    { class: 'dialog-body', novalidate: true, dataset: { testid: 'fork-dialog' } },
    h(
      'div',
      {},
      h('h2', { id: 'fork-title', text: `Fork from message #${message.seq}` }),
      h('p', { id: 'fork-lede', class: 'lede', text: `A new session starts with messages 1–${message.seq} of this one and runs on from there, so you can compare how the discussion turns out. It is charged as a new run.` }),
    ),
    alert.element,
    h(
      'div',
      { class: 'field' },
      h('label', { for: id, text: `Message #${message.seq} · ${message.speaker === 'human' ? 'You' : message.speaker_name}` }),
      h('p', { id: `${id}-hint`, class: 'field-hint', text: 'Rewrite it to see how the group reacts to a different line, or leave it as it is to rerun from here.' }),
      text,
    ),
    h('div', { class: 'dialog-actions' }, cancel, submit.element),
  );
  const { dialog, close } = openDialog({ labelledBy: 'fork-title', describedBy: 'fork-lede', returnFocusTo: trigger, content: form });
  dialog.classList.add('dialog--wide');
  cancel.addEventListener('click', close);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.hide();
    const rewritten = text.value.trim();
    if (!rewritten) {
      alert.show('The message cannot be empty. Restore it or write a new one.');
      text.focus();
      return;
    }
    submit.setPending(true);
    let started;
    try {
      started = await forkSession(session.id, { seq: message.seq, text: rewritten === message.text ? undefined : rewritten });
    } catch (error) {
      submit.setPending(false);
      if (error.status === 402) {
        close();
        paymentRequiredDialog(error, trigger);
        return;
      }
      alert.show(error.message);
      return;
    }
    close();
    getBalance().catch(() => {});
    navigate(sessionHref(started.session.id));
  });
  text.focus();
}
