// "New persona": the manual fields in a dialog → POST /api/personas. Resolves the created persona or null.

import { h } from '../lib/dom.js';
import { openDialog } from './dialog.js';
import { formAlert, handleSubmit, submitButton } from './form.js';
import { createPersona } from './persona-api.js';
import { basicChecks, basicFields, fieldFor, readFields, storyFields } from './persona-editor.js';

export function openNewPersonaDialog({ folders, folderId, returnFocusTo }) {
  return new Promise((resolve) => {
    let created = null;
    const basics = basicFields({}, folders, { folderId });
    const story = storyFields({}, { bioRows: 3 });
    const fields = { ...basics, ...story };
    const alert = formAlert();
    const submit = submitButton({ label: 'Create persona', pendingLabel: 'Creating…', testid: 'persona-create-submit', variant: 'btn-primary' });
    const cancel = h('button', { type: 'button', class: 'btn btn-secondary', text: 'Cancel' });
    const form = h(
      'form',
      { class: 'dialog-body', novalidate: true, dataset: { testid: 'new-persona-form' } },
      h(
        'div',
        {},
        h('h2', { id: 'new-persona-title', text: 'New persona' }),
        h('p', { id: 'new-persona-note', class: 'lede', text: 'Describe someone by hand. You can add psychographics and behaviours on their profile afterwards.' }),
      ),
      alert.element,
      h('div', { class: 'editor-grid' }, Object.values(basics).map((field) => field.element)),
      h('div', { class: 'editor-stack' }, Object.values(story).map((field) => field.element)),
      h('div', { class: 'dialog-actions' }, cancel, submit.element),
    );
    const { dialog, close } = openDialog({
      labelledBy: 'new-persona-title',
      describedBy: 'new-persona-note',
      content: form,
      returnFocusTo,
      onClose: () => resolve(created),
    });
    dialog.classList.add('dialog--wide');
    dialog.dataset.testid = 'new-persona-dialog';
    cancel.addEventListener('click', close);
    basics.name.input.focus();

    handleSubmit(form, {
      alert,
      submit,
      checks: () => basicChecks(basics),
      async action() {
        const body = readFields(fields);
        for (const key of Object.keys(body)) if (body[key] === '' && key !== 'name') delete body[key];
        created = await createPersona(body);
        close();
      },
      onError(error) {
        const target = fieldFor(fields, error.field);
        if (!target) {
          alert.show(error.message);
          return null;
        }
        target.setError(error.message);
        return target.input;
      },
    });
  });
}
