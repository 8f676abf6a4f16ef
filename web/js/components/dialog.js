// Modal dialogs on the native <dialog> element (focus containment, Escape and the backdrop come from the
// browser). Focus returns to the control that opened the dialog; following a link in it closes it.

import { h } from '../lib/dom.js';

/** Opens a modal with `content` (nodes). Returns { dialog, close() }; `onClose` runs once when it closes. */
export function openDialog({ labelledBy, describedBy, content, returnFocusTo, onClose }) {
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': labelledBy, 'aria-describedby': describedBy }, content);
  document.body.append(dialog);
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (returnFocusTo?.isConnected) returnFocusTo.focus();
    onClose?.();
  });
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog && clickedOutside(dialog, event)) dialog.close();
    else if (followsLink(event)) dialog.close();
  });
  dialog.showModal();
  return { dialog, close: () => dialog.close() };
}

/** A plain click on a link that leaves the page here (not a new tab, a download or a handled click). */
function followsLink(event) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  return Boolean(link) && !link.hasAttribute('download') && (!link.target || link.target === '_self');
}

function clickedOutside(dialog, event) {
  const box = dialog.getBoundingClientRect();
  return event.clientX < box.left || event.clientX > box.right || event.clientY < box.top || event.clientY > box.bottom;
}

/**
 * Asks a yes/no question. Resolves true when the user confirms. details: nodes shown under the message (e.g. a cost
 * preflight); confirmDisabled: the question cannot be confirmed (the details say why); testid: the body's, and
 * "<testid>-confirm" the confirm button's (default "confirm").
 */
export function confirmDialog({ title, message, confirmLabel, danger = false, returnFocusTo, details, confirmDisabled = false, testid }) {
  return new Promise((resolve) => {
    let confirmed = false;
    const cancel = h('button', { type: 'button', class: 'btn btn-secondary', text: 'Cancel' });
    const confirm = h('button', { type: 'button', class: danger ? 'btn btn-danger' : 'btn btn-primary', text: confirmLabel, disabled: confirmDisabled, dataset: { testid: testid ? `${testid}-confirm` : 'confirm' } });
    const { close } = openDialog({
      labelledBy: 'confirm-title',
      describedBy: 'confirm-message',
      returnFocusTo,
      onClose: () => resolve(confirmed),
      content: h(
        'div',
        { class: 'dialog-body', dataset: { testid } },
        h('div', {}, h('h2', { id: 'confirm-title', text: title }), h('p', { id: 'confirm-message', class: 'lede', text: message })),
        details,
        h('div', { class: 'dialog-actions' }, cancel, confirm),
      ),
    });
    cancel.addEventListener('click', close);
    confirm.addEventListener('click', () => {
      confirmed = true;
      close();
    });
    cancel.focus();
  });
}

/**
 * Tells the user something that needs their attention, with an optional way out: `action` {label, href} is the
 * primary link; `details` nodes go under the message. Resolves when it closes.
 */
export function messageDialog({ title, message, action, details, returnFocusTo, testid = 'message-dialog' }) {
  return new Promise((resolve) => {
    const close = h('button', { type: 'button', class: action ? 'btn btn-secondary' : 'btn btn-primary', text: 'Close' });
    const link = action && h('a', { class: 'btn btn-primary', href: action.href, text: action.label, dataset: { testid: `${testid}-action` } });
    const opened = openDialog({
      labelledBy: 'message-title',
      describedBy: 'message-text',
      returnFocusTo,
      onClose: resolve,
      content: h(
        'div',
        { class: 'dialog-body', dataset: { testid } },
        h('div', {}, h('h2', { id: 'message-title', text: title }), h('p', { id: 'message-text', class: 'lede', text: message })),
        details,
        h('div', { class: 'dialog-actions' }, close, link),
      ),
    });
    close.addEventListener('click', opened.close);
    (link ?? close).focus();
  });
}
