// One persona: the profile (GET /api/personas/:id) and its editor (?edit=1; PATCH of what changed; DELETE).

import { h, replaceChildren } from '../lib/dom.js';
import { navigate } from '../lib/router.js';
import { confirmDialog } from '../components/dialog.js';
import { handleSubmit, submitButton } from '../components/form.js';
import { deletePersona, getPersona, listFolders, updatePersona } from '../components/persona-api.js';
import { fieldFor, personaEditor } from '../components/persona-editor.js';
import { icon } from '../components/icon.js';
import { openModificationDialog } from '../components/modification-dialog.js';
import { listPath } from '../components/persona-list-path.js';
import { loadErrorCard, notFoundCard, focusPageHeading } from '../components/page-states.js';
import { personaProfile } from '../components/persona-profile.js';
import { showToast } from '../components/toast.js';

export const title = 'Persona';

export function render({ id, params, signal }) {
  const root = h('div', { class: 'persona-page', 'aria-busy': 'true' });
  const crumbs = h(
    'nav',
    { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' },
    h('a', { href: listPath(), dataset: { testid: 'back-to-list' } }, icon('chevronLeft'), 'Synthetic Users'),
  );
  const body = h('div', {}, skeleton());
  root.append(crumbs, body);

  let persona = null;
  let folders = [];

  async function load() {
    root.setAttribute('aria-busy', 'true');
    try {
      [persona, folders] = await Promise.all([getPersona(id, { signal }), listFolders({ signal }).catch(() => [])]);
    } catch (error) {
      if (error.name === 'AbortError' || signal.aborted) return;
      replaceChildren(body, error.status === 404 ? notFoundCard({ iconName: 'users', heading: 'Persona not found', href: '/personas', linkText: 'Back to Synthetic Users' }) : loadErrorCard(error, load, 'This persona could not be loaded'));
      document.title = `${error.status === 404 ? 'Persona not found' : 'Persona'} · Cohorta`;
      root.setAttribute('aria-busy', 'false');
      focusPageHeading();
      return;
    }
    root.setAttribute('aria-busy', 'false');
    if (params.get('edit') === '1') showEditor();
    else showProfile({ focus: false });
  }

  const folderName = () => folders.find((folder) => folder.id === persona.folder_id)?.name ?? null;

  function setEditParam(editing) {
    if (signal.aborted) return;
    const url = new URL(window.location.href);
    if (editing) url.searchParams.set('edit', '1');
    else url.searchParams.delete('edit');
    window.history.replaceState(null, '', url.pathname + url.search);
  }

  function showProfile({ focus = true } = {}) {
    document.title = `${persona.name} · Cohorta`;
    const edit = h('button', { type: 'button', class: 'btn btn-primary', dataset: { testid: 'edit-persona' } }, icon('pencil'), 'Edit');
    const remove = h('button', { type: 'button', class: 'btn btn-secondary btn-danger-text', dataset: { testid: 'delete-persona' } }, icon('trash'), 'Delete');
    edit.addEventListener('click', () => {
      setEditParam(true);
      showEditor();
    });
    remove.addEventListener('click', () => confirmDelete(remove));
    const instruct = h('button', { type: 'button', class: 'btn btn-secondary', dataset: { testid: 'edit-by-instruction' } }, icon('wand'), 'Edit by instruction');
    instruct.addEventListener('click', async () => {
      const updated = await openModificationDialog({ persona, returnFocusTo: instruct });
      if (!updated || signal.aborted) return;
      persona = updated;
      showProfile({ focus: false });
      body.querySelector('[data-testid="edit-by-instruction"]')?.focus();
      showToast({ kind: 'success', message: `Applied the selected changes to ${persona.name}.` });
    });
    replaceChildren(body, personaProfile(persona, { actions: [remove, instruct, edit], folderName: folderName() }));
    if (focus) focusPageHeading();
  }

  function showEditor() {
    document.title = `Edit ${persona.name} · Cohorta`;
    const editor = personaEditor(persona, folders);
    const submit = submitButton({ label: 'Save changes', pendingLabel: 'Saving…', testid: 'save-persona', variant: 'btn-primary' });
    const cancel = h('button', { type: 'button', class: 'btn btn-secondary', text: 'Cancel', dataset: { testid: 'cancel-edit' } });
    const remove = h('button', { type: 'button', class: 'btn btn-ghost btn-danger-text', dataset: { testid: 'delete-persona' } }, icon('trash'), 'Delete persona');
    const form = h(
      'form',
      { class: 'persona-editor', novalidate: true, 'aria-labelledby': 'editor-heading', dataset: { testid: 'persona-editor' } },
      h(
        'header',
        { class: 'page-header editor-header' },
        h('div', {}, h('h1', { id: 'editor-heading', text: `Edit ${persona.name}` }), h('p', { class: 'lede', text: 'Changes apply to future focus groups with this persona.' })),
      ),
      editor.element,
      h('div', { class: 'editor-actions' }, remove, h('span', { class: 'editor-actions-spacer' }), cancel, submit.element),
    );

    cancel.addEventListener('click', async () => {
      if (editor.isDirty()) {
        const discard = await confirmDialog({ title: 'Discard your changes?', message: 'The edits you made to this persona will be lost.', confirmLabel: 'Discard changes', danger: true, returnFocusTo: cancel });
        if (!discard) return;
      }
      setEditParam(false);
      showProfile();
    });
    remove.addEventListener('click', () => confirmDelete(remove));

    handleSubmit(form, {
      alert: editor.alert,
      submit,
      checks: editor.checks,
      async action() {
        const changes = editor.changes();
        if (Object.keys(changes).length) {
          persona = await updatePersona(persona.id, changes);
          showToast({ kind: 'success', message: `Saved changes to ${persona.name}.` });
        }
        setEditParam(false);
        showProfile();
      },
      onError(error) {
        const target = fieldFor(editor.fields, error.field);
        if (!target) {
          editor.alert.show(error.message);
          editor.alert.element.scrollIntoView({ block: 'center' });
          return null;
        }
        target.setError(error.message);
        target.element.scrollIntoView({ block: 'center' });
        return target.input;
      },
    });

    replaceChildren(body, form);
    focusPageHeading();
  }

  async function confirmDelete(trigger) {
    const confirmed = await confirmDialog({
      title: `Delete ${persona.name}?`,
      message: 'This persona is removed from your workspace. Focus groups that already ran keep their transcripts.',
      confirmLabel: 'Delete persona',
      danger: true,
      returnFocusTo: trigger,
    });
    if (!confirmed) return;
    try {
      await deletePersona(persona.id);
    } catch (error) {
      if (error.status !== 404) {
        showToast({ kind: 'error', title: 'Could not delete the persona', message: error.message });
        return;
      }
    }
    navigate(listPath());
    showToast({ kind: 'success', message: `Deleted ${persona.name}.` });
  }

  load();
  return root;
}

function skeleton() {
  return h(
    'div',
    { class: 'card profile-header profile-skeleton', 'aria-hidden': 'true' },
    h('span', { class: 'persona-avatar persona-avatar--lg skeleton-avatar' }),
    h('div', { class: 'profile-identity' }, h('span', { class: 'skeleton skeleton-title' }), h('span', { class: 'skeleton skeleton-line' })),
  );
}
