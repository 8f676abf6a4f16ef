// Create (/focus-groups/new) or edit (/focus-groups/:id/edit) a focus group. A new group is created with its concepts
// in one call, then the images chosen meanwhile are uploaded (an image needs the group to exist) and the group's page
// opens. Editing saves what changed with PATCH; stimuli of an existing group are saved as they are added or deleted.

import { h, replaceChildren } from '../lib/dom.js';
import { navigate } from '../lib/router.js';
import { confirmDialog } from '../components/dialog.js';
import { fieldForPath, handleSubmit, submitButton } from '../components/form.js';
import { addConcept, createFocusGroup, deleteStimulus, getFocusGroup, rememberDescriptionTask, updateFocusGroup, uploadStimulusImage } from '../components/focus-group-api.js';
import { deleteGroupFlow } from '../components/focus-group-delete.js';
import { focusGroupForm } from '../components/focus-group-form.js';
import { icon } from '../components/icon.js';
import { focusPageHeading, loadErrorCard, notFoundCard } from '../components/page-states.js';
import { followDescriptions } from '../components/stimuli.js';
import { createImageLoader } from '../components/stimulus-image.js';
import { showToast } from '../components/toast.js';

export const title = 'New focus group';

const groupHref = (id) => `/focus-groups/${encodeURIComponent(id)}`;

export function render({ id, signal }) {
  const thumbnail = createImageLoader(signal);
  const crumb = h('a', { href: id ? groupHref(id) : '/focus-groups', dataset: { testid: 'back-link' } }, icon('chevronLeft'), 'Focus Groups');
  const body = h('div', {}, h('div', { class: 'card card-body', 'aria-hidden': 'true' }, h('span', { class: 'skeleton skeleton-title' }), h('span', { class: 'skeleton skeleton-line' })));
  const root = h('div', { class: 'focus-group-edit', 'aria-busy': 'true' }, h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' }, crumb), body);

  async function load() {
    if (!id) return show(null);
    root.setAttribute('aria-busy', 'true');
    try {
      const group = await getFocusGroup(id, { signal });
      crumb.lastChild.textContent = group.name;
      show(group);
    } catch (error) {
      if (error.name === 'AbortError' || signal.aborted) return;
      replaceChildren(body, error.status === 404 ? notFoundCard({ iconName: 'groups', heading: 'Focus group not found', href: '/focus-groups', linkText: 'Back to Focus Groups' }) : loadErrorCard(error, load, 'This focus group could not be loaded'));
      root.setAttribute('aria-busy', 'false');
      focusPageHeading();
    }
  }

  function show(group) {
    root.setAttribute('aria-busy', 'false');
    document.title = `${group ? `Edit ${group.name}` : 'New focus group'} · Cohorta`;
    const live = group ? liveStimuli(group, (stimuli) => form.stimuli.setStimuli(stimuli)) : null;
    const form = focusGroupForm({ group, signal, thumbnail, live });
    const submit = submitButton({ label: group ? 'Save changes' : 'Create focus group', pendingLabel: group ? 'Saving…' : 'Creating…', testid: 'fg-submit', variant: 'btn-primary' });
    const cancel = h('button', { type: 'button', class: 'btn btn-secondary', text: 'Cancel', dataset: { testid: 'fg-cancel' } });
    const remove = group && h('button', { type: 'button', class: 'btn btn-ghost btn-danger-text', dataset: { testid: 'fg-delete' } }, icon('trash'), 'Delete focus group');
    const element = h(
      'form',
      { class: 'focus-group-form', novalidate: true, 'aria-labelledby': 'fg-form-heading', dataset: { testid: 'fg-form' } },
      h(
        'header',
        { class: 'page-header editor-header' },
        h('div', {}, h('h1', { id: 'fg-form-heading', text: group ? `Edit ${group.name}` : 'New focus group' }), h('p', { class: 'lede', text: group ? 'Changes apply to the next session you run.' : 'Set the objective, pick the participants and add what they should react to. The discussion guide comes next.' })),
      ),
      form.element,
      h('div', { class: 'editor-actions' }, remove, h('span', { class: 'editor-actions-spacer' }), cancel, submit.element),
    );
    remove?.addEventListener('click', async () => {
      if (await deleteGroupFlow(group, remove)) navigate('/focus-groups');
    });

    cancel.addEventListener('click', async () => {
      if (form.isDirty()) {
        const discard = await confirmDialog({ title: 'Discard your changes?', message: group ? 'The edits you made to this focus group will be lost.' : 'This focus group has not been created yet.', confirmLabel: 'Discard changes', danger: true, returnFocusTo: cancel });
        if (!discard) return;
      }
      navigate(group ? groupHref(group.id) : '/focus-groups');
    });

    handleSubmit(element, {
      alert: form.alert,
      submit,
      checks: form.checks,
      action: () => (group ? save(group, form) : create(form)),
      onError(error) {
        const target = fieldForPath(form.fields, error.field);
        if (!target) {
          form.alert.show(error.message);
          form.alert.element.scrollIntoView({ block: 'center' });
          return null;
        }
        form.revealField(target);
        target.setError(error.message);
        target.element.scrollIntoView({ block: 'center' });
        return target.input;
      },
    });

    replaceChildren(body, element);
    focusPageHeading();
    if (group) followDescriptions({ groupId: group.id, stimuli: group.stimuli ?? [], signal, onUpdate: (stimuli) => form.stimuli.setStimuli(stimuli) });
  }

  /** The stimuli of an existing group are saved at once; onDescribed(stimuli) gets the list as descriptions arrive. */
  function liveStimuli(group, onDescribed) {
    return {
      addConcept: (concept, current) => addConcept(group.id, current, concept),
      async uploadImage(file, imageTitle, current) {
        const answer = await uploadStimulusImage(group.id, file, imageTitle);
        rememberDescriptionTask(answer.stimulus.id, answer.task_id);
        followDescriptions({ groupId: group.id, stimuli: [answer.stimulus], signal, onUpdate: onDescribed });
        return [...current, answer.stimulus];
      },
      /** Resolves the list without the stimulus, or null when the user keeps it. */
      async remove(stimulus, current, trigger) {
        const confirmed = await confirmDialog({
          title: `Delete ${stimulus.title}?`,
          message: stimulus.kind === 'image' ? 'The image and its description are removed from this focus group.' : 'The concept is removed from this focus group.',
          confirmLabel: 'Delete stimulus',
          danger: true,
          returnFocusTo: trigger,
        });
        if (!confirmed) return null;
        try {
          await deleteStimulus(group.id, stimulus.id);
        } catch (error) {
          if (error.status !== 404) throw error;
        }
        return current.filter((item) => item.id !== stimulus.id);
      },
    };
  }

  async function create(form) {
    const created = await createFocusGroup({ ...form.body(), stimuli: form.stimuli.concepts() });
    const failed = [];
    for (const { file, title: imageTitle } of form.stimuli.images()) {
      try {
        const answer = await uploadStimulusImage(created.id, file, imageTitle);
        rememberDescriptionTask(answer.stimulus.id, answer.task_id);
      } catch (error) {
        failed.push(`${imageTitle}: ${error.message}`);
      }
    }
    if (failed.length) {
      showToast({ kind: 'warning', title: `Created ${created.name}, but not every image was uploaded`, message: `${failed.join(' ')} Add it again here.`, persistent: true });
      navigate(`${groupHref(created.id)}/edit`);
      return;
    }
    showToast({ kind: 'success', message: `Created ${created.name}.` });
    navigate(groupHref(created.id));
  }

  async function save(group, form) {
    const changes = form.changes();
    if (Object.keys(changes).length) {
      const saved = await updateFocusGroup(group.id, changes);
      showToast({ kind: 'success', message: `Saved changes to ${saved.name}.` });
    }
    navigate(groupHref(group.id));
  }

  load();
  return root;
}
