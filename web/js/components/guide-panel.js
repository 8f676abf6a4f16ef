// The discussion guide card of a focus group's page. States: no guide yet ("Generate guide") → writing (a task with
// a progress bar and Cancel) → the guide (read mode, "Regenerate this section" per section) ⇄ edit mode (the
// structure editor; Save sends PATCH {guide}, errors land on their field). A guide task still running when the page
// is reloaded is followed again (the task id is kept for this tab).

import { h, replaceChildren } from '../lib/dom.js';
import { cancelTask, pollTask } from '../lib/task-polling.js';
import { confirmDialog } from './dialog.js';
import { fieldForPath, formAlert, submitButton } from './form.js';
import { generateGuide, getFocusGroup, guideTaskOf, regenerateSection, rememberGuideTask, saveGuide } from './focus-group-api.js';
import { guideEditor } from './guide-editor.js';
import { guideTotals, guideView } from './guide-view.js';
import { icon } from './icon.js';
import { taskProgress } from './task-progress.js';
import { showToast } from './toast.js';

/** group: the focus group; signal: the page's; onChange(group) after the guide changed. */
export function guidePanel({ group: initial, signal, onChange }) {
  let group = initial;
  let busy = null; // {taskId, sectionId|null} while a guide task runs
  const heading = h('h2', { id: 'guide-heading', tabindex: '-1', text: 'Discussion guide' });
  const version = h('span', { class: 'badge', dataset: { testid: 'guide-version' } });
  const actions = h('div', { class: 'guide-actions' });
  const body = h('div', { class: 'card-body guide-body' });
  const status = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const element = h(
    'section',
    { class: 'card guide-card', 'aria-labelledby': 'guide-heading', dataset: { testid: 'guide-panel' } },
    h('div', { class: 'card-header guide-card-header' }, h('div', { class: 'guide-card-title' }, heading, version), actions),
    body,
    status,
  );

  function setGroup(next) {
    group = next;
    onChange?.(group);
  }

  function setVersion() {
    version.hidden = !group.guide;
    version.textContent = group.guide ? `Version ${group.guide.version}` : '';
  }

  // ---- Read mode ---------------------------------------------------------------------------------------
  function showGuide({ regenerating = null, progress = null } = {}) {
    setVersion();
    if (!group.guide) return showEmpty();
    const locked = Boolean(busy);
    const edit = h('button', { type: 'button', class: 'btn btn-secondary btn-sm', disabled: locked, dataset: { testid: 'guide-edit' } }, icon('pencil'), 'Edit guide');
    const again = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', disabled: locked, dataset: { testid: 'guide-regenerate' } }, icon('refresh'), 'Regenerate');
    edit.addEventListener('click', () => showEditor());
    again.addEventListener('click', async () => {
      const confirmed = await confirmDialog({
        title: 'Write a new guide?',
        message: 'The current guide, with any edits you made, is replaced by a new one written from the objective, audience and stimuli.',
        confirmLabel: 'Write a new guide',
        danger: true,
        returnFocusTo: again,
      });
      if (confirmed) start(null);
    });
    replaceChildren(actions, again, edit);
    replaceChildren(
      body,
      h('p', { class: 'guide-totals', dataset: { testid: 'guide-totals' }, text: guideTotals(group.guide) }),
      guideView(group.guide, {
        sectionExtras: (section) => {
          const button = h('button', { type: 'button', class: 'btn btn-ghost btn-sm guide-section-regenerate', disabled: locked, 'aria-label': `Regenerate this section: ${section.title}`, dataset: { testid: 'guide-section-regenerate' } }, icon('sparkles'), h('span', { text: 'Regenerate this section' }));
          button.addEventListener('click', () => start(section.id));
          return button;
        },
        sectionSlot: (section) => (regenerating === section.id ? progress : null),
      }),
    );
  }

  function showEmpty() {
    replaceChildren(actions);
    const generate = h('button', { type: 'button', class: 'btn btn-primary', dataset: { testid: 'guide-generate' } }, icon('sparkles'), 'Generate guide');
    generate.addEventListener('click', () => start(null));
    replaceChildren(
      body,
      h(
        'div',
        { class: 'empty-state guide-empty', dataset: { testid: 'guide-empty' } },
        h('span', { class: 'icon-tile' }, icon('list')),
        h('h3', { text: 'No discussion guide yet' }),
        h('p', { text: 'Cohorta drafts the moderator’s plan from your objective, audience and stimuli: an introduction, sections of questions with probes and polls, and a closing. You can edit every word.' }),
        h('div', { class: 'actions' }, generate),
      ),
    );
  }

  // ---- Tasks -------------------------------------------------------------------------------------------
  async function start(sectionId) {
    let answer;
    try {
      answer = sectionId ? await regenerateSection(group.id, sectionId) : await generateGuide(group.id);
    } catch (error) {
      showToast({ kind: 'error', title: sectionId ? 'Could not regenerate the section' : 'Could not start writing the guide', message: error.message });
      return;
    }
    follow({ taskId: answer.task_id, sectionId });
  }

  function follow(task) {
    busy = task;
    rememberGuideTask(group.id, task);
    const whole = !task.sectionId;
    const progress = taskProgress({ total: 1, testid: 'guide', compact: !whole });
    const cancel = h('button', { type: 'button', class: 'btn btn-secondary btn-sm', dataset: { testid: 'guide-cancel' } }, icon('close'), 'Cancel');
    cancel.addEventListener('click', async () => {
      cancel.disabled = true;
      progress.announce('Cancelling…');
      try {
        await cancelTask(task.taskId);
      } catch (error) {
        cancel.disabled = false;
        showToast({ kind: 'error', title: 'Could not cancel', message: error.message });
      }
    });
    const box = h('div', { class: 'guide-task', dataset: { testid: whole ? 'guide-task' : 'guide-section-task' } }, progress.element, h('div', { class: 'guide-task-actions' }, cancel));
    if (whole) {
      replaceChildren(actions);
      replaceChildren(body, h('div', { class: 'guide-writing' }, h('h3', { class: 'guide-writing-title', text: group.guide ? 'Writing a new guide…' : 'Writing the guide…' }), h('p', { class: 'muted-note', text: 'This takes about a minute. You can leave this page: the guide keeps being written.' }), box));
    } else {
      showGuide({ regenerating: task.sectionId, progress: box });
    }
    status.textContent = whole ? 'Writing the guide.' : 'Regenerating the section.';

    pollTask(task.taskId, { signal, onUpdate: progress.update, onRetry: progress.retrying }).then(
      (finished) => finish(task, finished),
      (error) => {
        if (error.name === 'AbortError' || signal.aborted) return;
        finish(task, { status: 'failed', error: { message: error.message } });
      },
    );
  }

  async function finish(task, finished) {
    busy = null;
    rememberGuideTask(group.id, null);
    if (finished.status === 'succeeded') {
      try {
        setGroup(await getFocusGroup(group.id, { signal }));
      } catch {
        if (signal.aborted) return;
        if (finished.result?.guide) setGroup({ ...group, guide: finished.result.guide });
      }
      showGuide();
      const message = task.sectionId ? 'The section was rewritten.' : 'The discussion guide is ready.';
      status.textContent = message;
      showToast({ kind: 'success', message });
      const target = task.sectionId ? body.querySelector(`[data-id="${CSS.escape(task.sectionId)}"] .guide-section-title`) : heading;
      target?.setAttribute('tabindex', '-1');
      target?.focus();
      return;
    }
    showGuide();
    if (finished.status === 'cancelled') {
      showToast({ kind: 'info', message: task.sectionId ? 'The section was left as it was.' : 'Writing the guide was cancelled.' });
    } else {
      showToast({ kind: 'error', title: task.sectionId ? 'The section could not be rewritten' : 'The guide could not be written', message: finished.error?.message || 'Please try again.' });
    }
  }

  // ---- Edit mode ---------------------------------------------------------------------------------------
  function showEditor() {
    const editor = guideEditor(group.guide);
    const alert = formAlert();
    const submit = submitButton({ label: 'Save guide', pendingLabel: 'Saving…', testid: 'guide-save', variant: 'btn-primary' });
    const cancel = h('button', { type: 'button', class: 'btn btn-secondary', text: 'Cancel', dataset: { testid: 'guide-cancel-edit' } });
    const form = h(
      'form',
      { class: 'guide-form', novalidate: true, 'aria-label': 'Edit the discussion guide', dataset: { testid: 'guide-form' } },
      h('p', { class: 'muted-note', text: `Editing version ${group.guide.version}. Saving makes version ${group.guide.version + 1}.` }),
      alert.element,
      editor.element,
      h('div', { class: 'editor-actions' }, h('span', { class: 'editor-actions-spacer' }), cancel, submit.element),
    );
    cancel.addEventListener('click', async () => {
      if (editor.isDirty()) {
        const discard = await confirmDialog({ title: 'Discard your changes?', message: 'The edits you made to the guide will be lost.', confirmLabel: 'Discard changes', danger: true, returnFocusTo: cancel });
        if (!discard) return;
      }
      showGuide();
      heading.focus();
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      alert.hide();
      const checks = editor.problems();
      for (const [field] of checks) field.clearError();
      let first = null;
      for (const [field, message] of checks) {
        if (!message) continue;
        field.setError(message);
        first ??= field.input;
      }
      if (first) return first.focus();
      submit.setPending(true);
      try {
        const saved = await saveGuide(group.id, editor.value());
        setGroup(saved);
      } catch (error) {
        submit.setPending(false);
        const target = fieldForPath(editor.fields(), error.field);
        if (!target) {
          alert.show(error.message);
          alert.element.scrollIntoView({ block: 'center' });
          return;
        }
        target.setError(error.message);
        target.input?.scrollIntoView({ block: 'center' });
        target.input?.focus();
        return;
      }
      showGuide();
      showToast({ kind: 'success', message: `Saved the guide as version ${group.guide.version}.` });
      heading.focus();
    });
    replaceChildren(actions);
    replaceChildren(body, form);
    editor.focusFirst();
  }

  // ---- Start -------------------------------------------------------------------------------------------
  const pending = guideTaskOf(group.id);
  if (pending) follow(pending);
  else showGuide();

  return { element };
}
