// The export dialog of Synthetic Users and of a focus group session: what to export (when there is a choice) and
// the format as radio cards, then Export: a progress bar that follows the export's task (the live socket, else
// polling), and the download. Errors stay in the dialog with Try again; closing it stops following (the file is
// still made, and listed by GET /api/exports for a day).

import { h, uniqueId } from '../lib/dom.js';
import { openDialog } from './dialog.js';
import { formAlert, setBusy } from './form.js';
import { icon } from './icon.js';
import { runExport } from './export-api.js';
import { taskProgress } from './task-progress.js';

const NOTICE = 'Every file says that it holds synthetic data, not human research participants.';

/** Radio cards for one choice: options [{value, label, hint}]. Returns {element, value(), setDisabled(bool)}. */
function choiceGroup({ legend, options, testid }) {
  const name = uniqueId(testid);
  const radios = options.map((option, index) => {
    const radio = h('input', { type: 'radio', name, value: option.value, class: 'choice-card-input', 'aria-describedby': `${name}-${option.value}`, dataset: { testid } });
    radio.checked = index === 0;
    return h(
      'label',
      { class: 'choice-card' },
      radio,
      h('span', { class: 'choice-card-face' }, h('span', { class: 'choice-card-title' }, icon('check', 'icon choice-card-check'), option.label), option.hint && h('span', { id: `${name}-${option.value}`, class: 'choice-card-text', text: option.hint })),
    );
  });
  const element = h('fieldset', { class: 'field choice-cards export-choices' }, h('legend', { text: legend }), h('div', { class: 'choice-card-grid export-choice-grid' }, radios));
  return {
    element,
    value: () => element.querySelector('input:checked')?.value ?? options[0].value,
    setDisabled(disabled) {
      element.disabled = disabled;
    },
  };
}

/**
 * Opens the dialog. title, lede; scopes: [{value, label, hint, body}] (what to export; the first is chosen), or one
 * implied `body`; formats: [{value, label, hint}]. `body` objects get `format` added and are POSTed as they are.
 */
export function openExportDialog({ title, lede, scopes = null, body = null, formats, returnFocusTo, testid = 'export-dialog' }) {
  const controller = new AbortController();
  const titleId = uniqueId('export-title');
  const ledeId = uniqueId('export-lede');
  const scope = scopes && scopes.length > 1 ? choiceGroup({ legend: 'What to export', options: scopes, testid: 'export-scope' }) : null;
  const format = choiceGroup({ legend: 'Format', options: formats, testid: 'export-format' });
  const alert = formAlert();
  const progressSlot = h('div', { class: 'export-progress' });
  const done = h('p', { class: 'alert alert-info export-done', role: 'status', hidden: true, dataset: { testid: 'export-done' } });
  const close = h('button', { type: 'button', class: 'btn btn-secondary', text: 'Cancel' });
  const start = h('button', { type: 'submit', class: 'btn btn-primary', dataset: { testid: 'export-start' } }, icon('arrowDown'), h('span', { text: 'Export' }));
  const form = h(
    'form',
    { class: 'dialog-body export-dialog', novalidate: true, dataset: { testid } },
    h('div', {}, h('h2', { id: titleId, text: title }), h('p', { id: ledeId, class: 'lede', text: lede })),
    scope?.element,
    format.element,
    h('p', { class: 'export-notice' }, icon('info'), NOTICE),
    alert.element,
    progressSlot,
    done,
    h('div', { class: 'dialog-actions' }, close, start),
  );
  const { close: closeDialog } = openDialog({ labelledBy: titleId, describedBy: ledeId, content: form, returnFocusTo, onClose: () => controller.abort() });
  close.addEventListener('click', closeDialog);

  function chosenBody() {
    const base = scope ? scopes.find((option) => option.value === scope.value()).body : (scopes?.[0]?.body ?? body);
    return { ...base, format: format.value() };
  }

  function setRunning(running) {
    scope?.setDisabled(running);
    format.setDisabled(running);
    setBusy(start, running);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.hide();
    done.hidden = true;
    const progress = taskProgress({ testid: 'export' });
    progressSlot.replaceChildren(progress.element);
    setRunning(true);
    try {
      const ready = await runExport(chosenBody(), { onProgress: progress.update, onRetry: progress.retrying, signal: controller.signal });
      progress.update({ status: 'succeeded', progress: { done: 1, total: 1, message: 'Ready' } });
      done.replaceChildren(icon('success'), h('span', {}, 'Downloaded ', h('strong', { dataset: { testid: 'export-filename' }, text: ready.filename }), '. Check your downloads folder.'));
      done.hidden = false;
      close.textContent = 'Close';
      start.querySelector('span:last-child').textContent = 'Export again';
    } catch (error) {
      if (controller.signal.aborted || error.name === 'AbortError') return;
      progressSlot.replaceChildren();
      alert.show(error.message || 'The export failed. Please try again.');
      start.querySelector('span:last-child').textContent = 'Try again';
    } finally {
      if (!controller.signal.aborted) setRunning(false);
    }
  });
  (form.querySelector('input:checked') ?? start).focus();
}
