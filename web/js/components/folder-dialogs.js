// Folder dialogs: create (name + parent), rename, and "move personas to folder". Each resolves the API answer
// (or null when cancelled) and shows server errors on the field the API names.

import { h } from '../lib/dom.js';
import { openDialog } from './dialog.js';
import { formAlert, handleSubmit, showApiError, submitButton, textField } from './form.js';
import { createFolder, folderTree, movePersonas, NO_FOLDER, renameFolder } from './persona-api.js';
import { selectField } from './persona-fields.js';

function folderChoices(folders, { none }) {
  return [
    { value: NO_FOLDER, label: none },
    ...folderTree(folders).map(({ folder, depth }) => ({ value: folder.id, label: `${'\u2003'.repeat(depth)}${folder.name}` })),
  ];
}

function dialogForm({ id, title, note, fields, submit, testid }) {
  const alert = formAlert();
  const cancel = h('button', { type: 'button', class: 'btn btn-secondary', text: 'Cancel' });
  const form = h(
    'form',
    { class: 'dialog-body', novalidate: true, dataset: { testid } },
    h('div', {}, h('h2', { id: `${id}-title`, text: title }), note && h('p', { id: `${id}-note`, class: 'lede', text: note })),
    alert.element,
    fields.map((field) => field.element),
    h('div', { class: 'dialog-actions' }, cancel, submit.element),
  );
  return { form, alert, cancel };
}

/** Create (folder = null) or rename a folder. parentId preselects the parent of a new folder. */
export function openFolderDialog({ folder = null, folders, parentId = null, returnFocusTo }) {
  return new Promise((resolve) => {
    let result = null;
    const name = textField({ label: 'Folder name', name: 'name', autocomplete: 'off', testid: 'folder-name' });
    if (folder) name.input.value = folder.name;
    name.input.setAttribute('maxlength', '80');
    const parent = folder
      ? null
      : selectField({ label: 'Inside', name: 'parent_id', value: parentId ?? NO_FOLDER, choices: folderChoices(folders, { none: 'Top level' }), testid: 'folder-parent' });
    const submit = submitButton({ label: folder ? 'Rename' : 'Create folder', pendingLabel: 'Saving…', testid: 'folder-submit', variant: 'btn-primary' });
    const { form, alert, cancel } = dialogForm({
      id: 'folder-dialog',
      title: folder ? 'Rename folder' : 'New folder',
      fields: [name, parent].filter(Boolean),
      submit,
      testid: 'folder-form',
    });
    const { close } = openDialog({ labelledBy: 'folder-dialog-title', content: form, returnFocusTo, onClose: () => resolve(result) });
    cancel.addEventListener('click', close);
    name.input.focus();
    name.input.select();

    handleSubmit(form, {
      alert,
      submit,
      checks: () => [[name, name.input.value.trim() ? null : 'Enter a name for the folder.']],
      async action() {
        const value = name.input.value.trim();
        if (folder) result = await renameFolder(folder.id, value);
        else {
          const chosen = parent.value();
          result = await createFolder(value, chosen === NO_FOLDER ? null : chosen);
        }
        close();
      },
      onError: (error) => showApiError(error, { name, parent_id: parent }, alert) ?? name.input,
    });
  });
}

/** Moves `ids` to a chosen folder. Resolves { folderId, answer } or null. */
export function openMoveDialog({ ids, folders, currentFolder, returnFocusTo }) {
  return new Promise((resolve) => {
    let result = null;
    const initial = folders.some((folder) => folder.id === currentFolder) ? currentFolder : (folderTree(folders)[0]?.folder.id ?? NO_FOLDER);
    const target = selectField({ label: 'Folder', name: 'folder_id', value: initial, choices: folderChoices(folders, { none: 'No folder' }), testid: 'move-target' });
    const submit = submitButton({ label: 'Move', pendingLabel: 'Moving…', testid: 'move-submit', variant: 'btn-primary' });
    const count = ids.length === 1 ? '1 persona' : `${ids.length} personas`;
    const { form, alert, cancel } = dialogForm({
      id: 'move-dialog',
      title: `Move ${count}`,
      note: folders.length ? 'Choose where they should go. A persona is in one folder at a time.' : 'You have no folders yet: create one from the folder list first.',
      fields: [target],
      submit,
      testid: 'move-form',
    });
    const { close } = openDialog({ labelledBy: 'move-dialog-title', describedBy: 'move-dialog-note', content: form, returnFocusTo, onClose: () => resolve(result) });
    cancel.addEventListener('click', close);
    target.input.focus();

    handleSubmit(form, {
      alert,
      submit,
      checks: () => [],
      async action() {
        const chosen = target.value();
        const folderId = chosen === NO_FOLDER ? null : chosen;
        const answer = await movePersonas(ids, folderId);
        result = { folderId, answer };
        close();
      },
      onError: (error) => showApiError(error, { folder_id: target }, alert) ?? target.input,
    });
  });
}
