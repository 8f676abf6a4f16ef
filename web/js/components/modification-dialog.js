// "Edit by instruction": instruction → POST /api/personas/:id/modify → progress (task polling) → a diff table with a
// checkbox per change → "Apply selected" PATCHes the persona. Nothing is applied until the user clicks.
// Resolves the updated persona, or null when nothing was applied.

import { api } from '../lib/api.js';
import { h, replaceChildren, uniqueId } from '../lib/dom.js';
import { cancelTask, pollTask } from '../lib/task-polling.js';
import { openDialog } from './dialog.js';
import { formAlert, submitButton } from './form.js';
import { diffTable, patchFor } from './modification-diff.js';
import { updatePersona } from './persona-api.js';
import { textareaField } from './persona-fields.js';
import { icon } from './icon.js';

const INSTRUCTION_MIN = 3;
const INSTRUCTION_MAX = 1000;
const SUGGESTIONS = ['Make them more price-sensitive', 'Make them more sceptical of new technology', 'Give them a young family'];

export function startModification(personaId, instruction) {
  return api(`/api/personas/${encodeURIComponent(personaId)}/modify`, { method: 'POST', body: { instruction } });
}

export function openModificationDialog({ persona, returnFocusTo }) {
  return new Promise((resolve) => {
    let updated = null;
    let instruction = '';
    let taskId = null;
    const abort = new AbortController();
    const titleId = uniqueId('modify-title');
    const body = h('div', { class: 'modify-step' });
    const closeButton = h('button', { type: 'button', class: 'btn btn-ghost btn-icon gen-close', 'aria-label': 'Close', dataset: { testid: 'modify-close' } }, icon('close'));
    const { dialog, close } = openDialog({
      labelledBy: titleId,
      returnFocusTo,
      content: h(
        'div',
        { class: 'gen-dialog-inner' },
        h('header', { class: 'gen-header' }, h('span', { class: 'gen-header-icon' }, icon('wand')), h('h2', { id: titleId, text: `Edit ${persona.name} by instruction` }), closeButton),
        body,
      ),
      onClose() {
        abort.abort();
        if (taskId) cancelTask(taskId).catch(() => {});
        resolve(updated);
      },
    });
    dialog.classList.add('dialog--wide', 'gen-dialog', 'modify-dialog');
    dialog.dataset.testid = 'modify-dialog';
    closeButton.addEventListener('click', close);

    function show(content, focus) {
      replaceChildren(body, content);
      if (focus?.tagName === 'H3') focus.setAttribute('tabindex', '-1');
      focus?.focus();
    }

    function showInstruction(error) {
      const field = textareaField({
        label: 'What should change?',
        name: 'instruction',
        value: instruction,
        rows: 3,
        maxlength: INSTRUCTION_MAX,
        testid: 'modify-instruction',
        hint: 'Describe the change in plain words. You review every proposed change before anything is saved.',
      });
      const suggestions = h(
        'div',
        { class: 'modify-suggestions', role: 'group', 'aria-label': 'Suggestions' },
        SUGGESTIONS.map((text) => {
          const chip = h('button', { type: 'button', class: 'chip chip--plain modify-suggestion', text });
          chip.addEventListener('click', () => {
            field.setValue(text);
            field.clearError();
            field.input.focus();
          });
          return chip;
        }),
      );
      const alert = formAlert();
      const submit = submitButton({ label: 'Propose changes', pendingLabel: 'Starting…', testid: 'modify-submit', variant: 'btn-primary' });
      const cancel = h('button', { type: 'button', class: 'btn btn-secondary', text: 'Cancel' });
      cancel.addEventListener('click', close);
      const form = h('form', { class: 'gen-form', novalidate: true, dataset: { testid: 'modify-step-instruction' } }, alert.element, field.element, suggestions, h('div', { class: 'dialog-actions' }, cancel, submit.element));
      if (error) alert.show(error);
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        alert.hide();
        field.clearError();
        const text = field.value();
        if (text.length < INSTRUCTION_MIN) {
          field.setError(text ? `Write at least ${INSTRUCTION_MIN} characters.` : 'Describe the change you want.');
          field.input.focus();
          return;
        }
        instruction = text;
        submit.setPending(true);
        try {
          const answer = await startModification(persona.id, text);
          taskId = answer.task_id;
        } catch (failure) {
          submit.setPending(false);
          if (failure.field === 'instruction') {
            field.setError(failure.message);
            field.input.focus();
          } else {
            alert.show(failure.message);
            submit.element.focus();
          }
          return;
        }
        showProgress(taskId);
      });
      show(form, field.input);
    }

    function showProgress(id) {
      const heading = h('h3', { class: 'gen-step-title', text: 'Working out the changes…' });
      const bar = h('progress', { class: 'gen-progress', 'aria-labelledby': 'modify-progress-label', dataset: { testid: 'modify-progress' } });
      const message = h('p', { id: 'modify-progress-label', class: 'gen-progress-message', role: 'status', 'aria-live': 'polite', text: `Reading ${persona.name}'s profile and your instruction.` });
      const cancel = h('button', { type: 'button', class: 'btn btn-secondary', dataset: { testid: 'modify-cancel' }, text: 'Cancel' });
      cancel.addEventListener('click', close);
      show(h('div', { class: 'gen-form', 'aria-busy': 'true', dataset: { testid: 'modify-step-progress' } }, heading, h('q', { class: 'modify-quote', text: instruction }), h('div', { class: 'gen-progress-box' }, message, bar), h('div', { class: 'dialog-actions' }, cancel)), heading);
      pollTask(id, {
        signal: abort.signal,
        onUpdate(task) {
          const total = Number(task.progress?.total);
          const done = Number(task.progress?.done);
          if (Number.isFinite(total) && total > 0 && Number.isFinite(done)) {
            bar.max = total;
            bar.value = Math.min(done, total);
          }
          if (task.progress?.message && message.textContent !== task.progress.message) message.textContent = task.progress.message;
        },
      }).then(
        (task) => {
          taskId = null;
          if (task.status === 'succeeded') showDiff(task.result?.changes ?? []);
          else if (task.status === 'cancelled') showInstruction('The request was cancelled.');
          else showInstruction(task.error?.message || 'The changes could not be worked out. Please try again.');
        },
        (error) => {
          taskId = null;
          if (error.name !== 'AbortError') showInstruction(error.message);
        },
      );
    }

    function showDiff(changes) {
      const heading = h('h3', { class: 'gen-step-title', text: changes.length ? 'Review the proposed changes' : 'No changes proposed' });
      const again = h('button', { type: 'button', class: 'btn btn-secondary', dataset: { testid: 'modify-again' } }, icon('chevronLeft'), 'Change the instruction');
      again.addEventListener('click', () => showInstruction());
      if (!changes.length) {
        show(h('div', { class: 'gen-form', dataset: { testid: 'modify-step-diff' } }, heading, h('p', { class: 'lede', text: `${persona.name} already fits “${instruction}”. Try a different instruction.` }), h('div', { class: 'dialog-actions' }, again)), heading);
        return;
      }
      const table = diffTable(changes);
      const alert = formAlert();
      const count = h('span', { class: 'modify-count', 'aria-live': 'polite', dataset: { testid: 'modify-selected-count' }, text: 'None selected' });
      const apply = submitButton({ label: 'Apply selected', pendingLabel: 'Applying…', testid: 'modify-apply', variant: 'btn-primary' });
      apply.element.disabled = true;
      const selectAll = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', dataset: { testid: 'modify-select-all' }, text: 'Select all' });
      selectAll.addEventListener('click', () => {
        const every = table.boxes.every((box) => box.checked);
        for (const box of table.boxes) {
          box.checked = !every;
          box.dispatchEvent(new Event('change'));
        }
      });
      table.onChange(() => {
        const selected = table.selected().length;
        apply.element.disabled = selected === 0;
        count.textContent = selected ? `${selected} of ${changes.length} selected` : 'None selected';
        selectAll.textContent = selected === changes.length ? 'Clear all' : 'Select all';
      });
      const form = h(
        'form',
        { class: 'gen-form', novalidate: true, dataset: { testid: 'modify-step-diff' } },
        h('div', { class: 'gen-step-head' }, heading, h('p', { class: 'lede' }, `For “${instruction}”. Nothing changes until you apply; tick the changes you want.`)),
        alert.element,
        h('div', { class: 'modify-toolbar' }, count, selectAll),
        table.element,
        h('div', { class: 'dialog-actions' }, again, apply.element),
      );
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const selected = table.selected();
        if (!selected.length) return;
        alert.hide();
        apply.setPending(true);
        try {
          updated = await updatePersona(persona.id, patchFor(persona, selected));
        } catch (error) {
          apply.setPending(false);
          alert.show(error.message);
          apply.element.focus();
          return;
        }
        close();
      });
      show(form, heading);
    }

    showInstruction();
  });
}
