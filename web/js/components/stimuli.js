// Stimuli: what the group discusses besides the questions. A concept (title + text) or an image whose AI description
// is written by an `image_description` task. stimulusList() shows them (with a delete button when editable);
// stimuliEditor() adds concepts and images (drag and drop or a file input) and removes them; followDescriptions()
// keeps pending image descriptions up to date.

import { h, uniqueId } from '../lib/dom.js';
import { pollTask } from '../lib/task-polling.js';
import { formatNumber } from '../lib/format.js';
import { icon } from './icon.js';
import { inputField, textareaField } from './persona-fields.js';
import { CONCEPT_TEXT_MAX, CONCEPT_TITLE_MAX, descriptionTaskOf, getFocusGroup, IMAGE_MAX_BYTES, IMAGE_TYPES, STIMULI_MAX } from './focus-group-api.js';
import { fileThumbnail } from './stimulus-image.js';

const WATCH_INTERVAL_MS = 2000;
const WATCH_MAX_ROUNDS = 90;

function descriptionBlock(stimulus) {
  if (stimulus.description_status === 'ready' && stimulus.description) {
    return h('div', { class: 'stimulus-description', dataset: { testid: 'stimulus-description' } }, h('span', { class: 'badge badge-brand' }, icon('sparkles', 'icon badge-icon'), 'AI description'), h('p', { text: stimulus.description }));
  }
  if (stimulus.description_status === 'failed') {
    return h('p', { class: 'stimulus-status stimulus-status--failed', dataset: { testid: 'stimulus-status', status: 'failed' } }, icon('warning'), 'The image could not be described. Delete it and upload it again.');
  }
  return h('p', { class: 'stimulus-status', role: 'status', dataset: { testid: 'stimulus-status', status: 'pending' } }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Describing the image…');
}

/**
 * One stimulus. options: thumbnail (the page's image loader), onDelete(stimulus, button) for an editable list,
 * preview (an element shown instead of the loaded thumbnail, for a file not uploaded yet).
 */
export function stimulusItem(stimulus, { thumbnail, onDelete, preview } = {}) {
  const image = stimulus.kind === 'image';
  const remove = onDelete && h('button', { type: 'button', class: 'btn btn-ghost btn-icon btn-sm btn-danger-text stimulus-delete', 'aria-label': `Delete ${stimulus.title}`, dataset: { testid: 'stimulus-delete' } }, icon('trash'));
  remove?.addEventListener('click', () => onDelete(stimulus, remove));
  return h(
    'li',
    { class: `stimulus stimulus--${stimulus.kind}`, dataset: { testid: 'stimulus', kind: stimulus.kind, id: stimulus.id ?? '' } },
    image ? (preview ?? thumbnail?.(stimulus)) : h('span', { class: 'stimulus-icon' }, icon('fileText')),
    h(
      'div',
      { class: 'stimulus-body' },
      h('div', { class: 'stimulus-head' }, h('h4', { class: 'stimulus-title', text: stimulus.title }), h('span', { class: 'badge', text: image ? 'Image' : 'Concept' })),
      image ? (preview ? h('p', { class: 'stimulus-status', text: 'Uploaded and described when you create the group.' }) : descriptionBlock(stimulus)) : h('p', { class: 'stimulus-text', text: stimulus.text }),
    ),
    remove,
  );
}

/** The stimuli as a list, or null when there are none. options as stimulusItem. */
export function stimulusList(stimuli, options = {}) {
  if (!stimuli.length) return null;
  return h('ul', { class: 'stimulus-list', dataset: { testid: 'stimulus-list' } }, stimuli.map((stimulus) => stimulusItem(stimulus, options)));
}

/** "box-design_v2.png" → "Box design v2". */
export function titleFromFileName(name) {
  const words = String(name).replace(/\.[^.]+$/, '').replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
  return (words ? words[0].toUpperCase() + words.slice(1) : 'Image').slice(0, CONCEPT_TITLE_MAX);
}

/** Why a file cannot be an image stimulus, or null. */
export function imageProblem(file) {
  if (!IMAGE_TYPES.includes(file.type)) return `${file.name} is not a PNG, JPEG or WebP image.`;
  if (file.size > IMAGE_MAX_BYTES) return `${file.name} is larger than 5 MB.`;
  return null;
}

/**
 * The stimuli section of the focus group form.
 * options:
 *   stimuli: the group's stimuli (edit) or [] (new);
 *   signal: the page's;
 *   thumbnail: the page's image loader;
 *   live: when the group exists, { addConcept({title, text}, current), uploadImage(file, title, current),
 *         remove(stimulus, current, trigger) } (each resolves the new stimuli list, remove null when the user keeps
 *         the stimulus, or throws an ApiError); without it everything is kept for the create call.
 * Returns { element, fields (for API errors: "stimuli"), concepts() → new concepts, images() → [{file, title}],
 *           count(), setStimuli(list) }.
 */
export function stimuliEditor({ stimuli: initial, signal, thumbnail, live = null }) {
  let stimuli = [...initial];
  const drafts = []; // {file, title} waiting for the group to exist
  const id = uniqueId('stimuli');

  const list = h('div', {});
  const empty = h('p', { class: 'muted-note stimulus-empty', text: 'No stimuli yet. The discussion can run on the questions alone.' });
  const counter = h('p', { class: 'field-hint stimulus-counter' });
  const error = h('p', { id: `${id}-error`, class: 'field-error', hidden: true, dataset: { testid: 'stimuli-error' } });
  const announcer = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });

  // ---- Concept ---------------------------------------------------------------------------------------
  const conceptTitle = inputField({ label: 'Concept title', name: 'concept_title', maxlength: CONCEPT_TITLE_MAX, testid: 'concept-title' });
  const conceptText = textareaField({ label: 'Concept text', name: 'concept_text', rows: 4, maxlength: CONCEPT_TEXT_MAX, testid: 'concept-text', hint: 'Describe the idea as participants should hear it: what it is, what it costs, how it works.' });
  const addConcept = h('button', { type: 'button', class: 'btn btn-secondary', dataset: { testid: 'concept-add' } }, icon('plus'), 'Add concept');
  const conceptBox = h('div', { class: 'stimulus-add', role: 'group', 'aria-label': 'Add a concept' }, h('h4', { class: 'stimulus-add-title' }, icon('fileText'), 'Concept'), conceptTitle.element, conceptText.element, h('div', { class: 'stimulus-add-actions' }, addConcept));

  conceptTitle.input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault(); // not the focus group form's submit
    conceptText.input.focus();
  });

  addConcept.addEventListener('click', async () => {
    conceptTitle.clearError();
    conceptText.clearError();
    const title = conceptTitle.value();
    const text = conceptText.value();
    if (!title) conceptTitle.setError('Give the concept a title.');
    if (!text) conceptText.setError('Write the concept out.');
    if (!title || !text) return (title ? conceptText : conceptTitle).input.focus();
    if (full()) return;
    if (live) {
      addConcept.disabled = true;
      try {
        stimuli = await live.addConcept({ title, text }, stimuli);
      } catch (failure) {
        const target = failure.field?.endsWith('.title') ? conceptTitle : failure.field?.endsWith('.text') ? conceptText : null;
        if (target) target.setError(failure.message);
        else setError(failure.message);
        return;
      } finally {
        addConcept.disabled = false;
      }
    } else {
      stimuli.push({ kind: 'concept', title, text });
    }
    conceptTitle.setValue('');
    conceptText.setValue('');
    announcer.textContent = `Added the concept ${title}.`;
    render();
    conceptTitle.input.focus();
  });

  // ---- Image -----------------------------------------------------------------------------------------
  const fileInput = h('input', { id: `${id}-file`, type: 'file', class: 'visually-hidden dropzone-input', accept: IMAGE_TYPES.join(','), dataset: { testid: 'image-input' } });
  const imageTitle = inputField({ label: 'Image title', name: 'image_title', maxlength: CONCEPT_TITLE_MAX, optional: true, testid: 'image-title', hint: 'Leave empty to use the file name.' });
  const uploadStatus = h('p', { class: 'dropzone-status', role: 'status', 'aria-live': 'polite', dataset: { testid: 'image-upload-status' } });
  const imageError = h('p', { class: 'field-error', hidden: true, dataset: { testid: 'image-error' } });
  const dropzone = h(
    'label',
    { class: 'dropzone', for: `${id}-file`, dataset: { testid: 'image-dropzone' } },
    icon('upload', 'icon dropzone-icon'),
    h('span', { class: 'dropzone-text' }, h('strong', { text: 'Drop an image here' }), ' or ', h('span', { class: 'dropzone-link', text: 'choose a file' })),
    h('span', { class: 'dropzone-hint', text: 'PNG, JPEG or WebP, up to 5 MB' }),
  );
  const imageBox = h('div', { class: 'stimulus-add', role: 'group', 'aria-label': 'Add an image' }, h('h4', { class: 'stimulus-add-title' }, icon('image'), 'Image'), imageTitle.element, fileInput, dropzone, imageError, uploadStatus);

  function showImageError(message) {
    imageError.replaceChildren(icon('error'), h('span', { text: message }));
    imageError.hidden = !message;
  }

  async function takeFile(file) {
    showImageError('');
    const problem = imageProblem(file);
    if (problem) return showImageError(problem);
    if (full()) return;
    const title = imageTitle.value() || titleFromFileName(file.name);
    if (!live) {
      drafts.push({ file, title, preview: fileThumbnail(file, signal) });
      imageTitle.setValue('');
      announcer.textContent = `Added the image ${title}. It is uploaded when you create the group.`;
      render();
      return;
    }
    dropzone.classList.add('is-busy');
    fileInput.disabled = true;
    uploadStatus.textContent = `Uploading ${file.name}…`;
    try {
      stimuli = await live.uploadImage(file, title, stimuli);
      uploadStatus.textContent = `Uploaded ${title}. Its description is being written.`;
      imageTitle.setValue('');
      render();
    } catch (failure) {
      uploadStatus.textContent = '';
      showImageError(failure.message);
    } finally {
      dropzone.classList.remove('is-busy');
      fileInput.disabled = false;
      fileInput.value = '';
    }
  }

  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) takeFile(file);
  });
  dropzone.addEventListener('dragover', (event) => {
    event.preventDefault();
    dropzone.classList.add('is-dragging');
  });
  dropzone.addEventListener('dragleave', () => dropzone.classList.remove('is-dragging'));
  dropzone.addEventListener('drop', (event) => {
    event.preventDefault();
    dropzone.classList.remove('is-dragging');
    const file = event.dataTransfer?.files?.[0];
    if (file && !fileInput.disabled) takeFile(file);
  });

  // ---- List ------------------------------------------------------------------------------------------
  const count = () => stimuli.length + drafts.length;

  function full() {
    if (count() < STIMULI_MAX) return false;
    setError(`A focus group has at most ${STIMULI_MAX} stimuli. Delete one to add another.`);
    return true;
  }

  async function onDelete(stimulus, button) {
    const index = stimuli.findIndex((item) => item === stimulus || (stimulus.id && item.id === stimulus.id));
    if (live && stimulus.id) {
      button.disabled = true;
      let next;
      try {
        next = await live.remove(stimulus, stimuli, button);
      } catch (failure) {
        setError(failure.message);
      }
      button.disabled = false;
      if (!next) return;
      stimuli = next;
    } else {
      stimuli = stimuli.filter((item) => item !== stimulus);
    }
    announcer.textContent = `Deleted ${stimulus.title}.`;
    render();
    focusAfterDelete(index);
  }

  function onDeleteDraft(draft, index) {
    drafts.splice(drafts.indexOf(draft), 1);
    announcer.textContent = `Removed ${draft.title}.`;
    render();
    focusAfterDelete(stimuli.length + index);
  }

  function focusAfterDelete(index) {
    const buttons = list.querySelectorAll('[data-testid="stimulus-delete"]');
    (buttons[Math.min(index, buttons.length - 1)] ?? conceptTitle.input).focus();
  }

  function render() {
    clearError();
    const items = [
      ...stimuli.map((stimulus) => stimulusItem(stimulus, { thumbnail, onDelete })),
      ...drafts.map((draft, index) => stimulusItem({ kind: 'image', title: draft.title }, { preview: draft.preview, onDelete: () => onDeleteDraft(draft, index) })),
    ];
    list.replaceChildren(...(items.length ? [h('ul', { class: 'stimulus-list', dataset: { testid: 'stimulus-list' } }, items)] : []));
    empty.hidden = count() > 0;
    counter.textContent = `${formatNumber(count())} of at most ${STIMULI_MAX}`;
  }

  function setError(message) {
    error.replaceChildren(icon('error'), h('span', { text: message }));
    error.hidden = false;
  }

  function clearError() {
    error.hidden = true;
  }

  const element = h('div', { class: 'stimuli-editor' }, announcer, error, empty, list, counter, h('div', { class: 'stimulus-adders' }, conceptBox, imageBox));
  render();

  const field = { element, input: conceptTitle.input, setError, clearError };
  return {
    element,
    fields: { stimuli: field },
    concepts: () => stimuli.filter((stimulus) => !stimulus.id).map(({ title, text }) => ({ kind: 'concept', title, text })),
    images: () => drafts.map(({ file, title }) => ({ file, title })),
    count,
    setStimuli(next) {
      stimuli = [...next];
      render();
    },
  };
}

/**
 * Keeps image descriptions up to date while any is pending: follows the description task when this tab uploaded the
 * image, else re-reads the group every few seconds. onUpdate(stimuli) runs with each newer list.
 */
export function followDescriptions({ groupId, stimuli, signal, onUpdate }) {
  const pending = stimuli.filter((stimulus) => stimulus.kind === 'image' && stimulus.description_status === 'pending');
  if (!pending.length || signal.aborted) return;
  const tasks = pending.map((stimulus) => descriptionTaskOf(stimulus.id)).filter(Boolean);

  async function refresh() {
    const group = await getFocusGroup(groupId, { signal });
    if (!signal.aborted) onUpdate(group.stimuli ?? []);
    return group.stimuli ?? [];
  }

  const anyPending = (list) => list.some((stimulus) => stimulus.kind === 'image' && stimulus.description_status === 'pending');

  (async () => {
    try {
      if (tasks.length) {
        await Promise.all(tasks.map((taskId) => pollTask(taskId, { signal }).catch(() => null)));
        if (signal.aborted || !anyPending(await refresh())) return;
      }
      for (let round = 0; round < WATCH_MAX_ROUNDS && !signal.aborted; round += 1) {
        await new Promise((resolve) => window.setTimeout(resolve, WATCH_INTERVAL_MS));
        if (signal.aborted || !anyPending(await refresh())) return;
      }
    } catch {
      // Aborted or the group is gone: the page shows what it has.
    }
  })();
}
