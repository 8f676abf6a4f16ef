// The focus groups API (CONTRACT-4): thin wrappers over api() plus the vocabularies and limits the screens share.
// List answers are {items, page, per_page, total}; a group carries participants, stimuli, settings and its guide.

import { api } from '../lib/api.js';

export const NAME_MAX = 120;
export const OBJECTIVE_MAX = 2000;
export const AUDIENCE_MAX = 2000;
export const PARTICIPANTS_MIN = 3;
export const PARTICIPANTS_MAX = 12;
export const STIMULI_MAX = 10;
export const CONCEPT_TITLE_MAX = 120;
export const CONCEPT_TEXT_MAX = 4000;
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
export const MAX_TURNS = { min: 6, max: 200, standard: 60 };
export const USD_CAP = { min: 0.1, max: 100, standard: '2.00' };

/** A BCP-47-like tag: 2–35 letters, digits and "-". */
export const LANGUAGE_TAG = /^[A-Za-z0-9-]{2,35}$/;

export const LANGUAGES = [
  { value: 'en', label: 'English' },
  { value: 'es', label: 'Spanish' },
  { value: 'fr', label: 'French' },
  { value: 'de', label: 'German' },
  { value: 'it', label: 'Italian' },
  { value: 'pt', label: 'Portuguese' },
  { value: 'pt-BR', label: 'Portuguese (Brazil)' },
  { value: 'nl', label: 'Dutch' },
  { value: 'sv', label: 'Swedish' },
  { value: 'pl', label: 'Polish' },
  { value: 'tr', label: 'Turkish' },
  { value: 'ar', label: 'Arabic' },
  { value: 'hi', label: 'Hindi' },
  { value: 'ja', label: 'Japanese' },
  { value: 'ko', label: 'Korean' },
  { value: 'zh', label: 'Chinese' },
];

export function languageLabel(tag) {
  return LANGUAGES.find((language) => language.value.toLowerCase() === String(tag ?? '').toLowerCase())?.label ?? tag;
}

export const TURN_TAKING = [
  {
    value: 'moderator_directed',
    label: 'Moderator-directed',
    text: 'The moderator picks who answers next and addresses them by name. Balanced and on topic: the best default.',
  },
  {
    value: 'round_robin',
    label: 'Round robin',
    text: 'Participants answer in a fixed order. Equal airtime and predictable, but less like a real conversation.',
  },
  {
    value: 'desire_based',
    label: 'Free-flowing',
    text: 'Whoever most wants to speak goes next, with fairness so nobody dominates. The most natural; it can drift.',
  },
];

export function turnTakingLabel(value) {
  return TURN_TAKING.find((mode) => mode.value === value)?.label ?? value;
}

export const TIERS = [
  { value: 'main', label: 'Main: the most capable model' },
  { value: 'mini', label: 'Mini: faster and cheaper' },
];

export const POLL_KINDS = [
  { value: 'likert', label: 'Likert scale' },
  { value: 'choice', label: 'Single choice' },
  { value: 'ranking', label: 'Ranking' },
];

export function pollKindLabel(kind) {
  return POLL_KINDS.find((option) => option.value === kind)?.label ?? kind;
}

/** "2.000000" → "$2.00"; "0.125000" → "$0.125". */
export function formatUsd(value) {
  return `$${dollarsText(value)}`;
}

/** The dollars of an exact decimal string without the trailing zeros past the cents: "2.000000" → "2.00". */
export function dollarsText(value) {
  const [whole, fraction = ''] = String(value ?? '').split('.');
  const digits = fraction.replace(/0+$/, '');
  return `${whole || '0'}.${digits.padEnd(2, '0')}`;
}

/** A typed dollar amount ("$2", "2.5", " 10.00 ") as the API's exact decimal string, or null when it is not one. */
export function parseDollars(text) {
  const cleaned = String(text ?? '').trim().replace(/^\$\s*/, '');
  if (!/^\d{1,3}(\.\d{1,6})?$/.test(cleaned)) return null;
  return cleaned.includes('.') ? cleaned : `${cleaned}.00`;
}

// ---- Groups ----------------------------------------------------------------------------------------------------

const groupPath = (id) => `/api/focus-groups/${encodeURIComponent(id)}`;

/** query: { q, page, per_page } (empty values are left out). */
export function listFocusGroups(query, { signal } = {}) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  return api(`/api/focus-groups?${search}`, { signal });
}

export function getFocusGroup(id, { signal } = {}) {
  return api(groupPath(id), { signal });
}

export function createFocusGroup(fields) {
  return api('/api/focus-groups', { method: 'POST', body: fields });
}

export function updateFocusGroup(id, changes) {
  return api(groupPath(id), { method: 'PATCH', body: changes });
}

export function deleteFocusGroup(id) {
  return api(groupPath(id), { method: 'DELETE' });
}

// ---- Stimuli ---------------------------------------------------------------------------------------------------

/** Uploads an image stimulus → {stimulus (pending description), task_id}. */
export function uploadStimulusImage(groupId, file, title) {
  return api(`${groupPath(groupId)}/stimuli/image?title=${encodeURIComponent(title)}`, { method: 'POST', text: file, contentType: file.type });
}

export function deleteStimulus(groupId, stimulusId) {
  return api(`${groupPath(groupId)}/stimuli/${encodeURIComponent(stimulusId)}`, { method: 'DELETE' });
}

/** The whole ordered list of stimuli as PATCH takes it: new concepts without an id, kept stimuli by id with their title. */
function stimuliBody(stimuli) {
  return stimuli.map(({ id, kind, title, text }) => (kind === 'concept' ? { ...(id ? { id } : {}), kind, title, text } : { id, kind, title }));
}

/** Adds a concept to an existing group (the stimuli are saved as a whole) → the group's stimuli. */
export async function addConcept(groupId, stimuli, concept) {
  const group = await updateFocusGroup(groupId, { stimuli: stimuliBody([...stimuli, { kind: 'concept', ...concept }]) });
  return group.stimuli ?? [];
}

/** The bytes of an image stimulus (the URL needs the bearer token, so it cannot be an <img src> as is). */
export function fetchStimulusImage(imageUrl, { signal } = {}) {
  return api(imageUrl, { as: 'blob', signal });
}

// The description task of each image uploaded in this tab (stimulus id → task id), so a page shown after the upload
// can follow the task rather than re-reading the group.
const descriptionTasks = new Map();

export function rememberDescriptionTask(stimulusId, taskId) {
  descriptionTasks.set(stimulusId, taskId);
}

export function descriptionTaskOf(stimulusId) {
  return descriptionTasks.get(stimulusId) ?? null;
}

// ---- Guide -----------------------------------------------------------------------------------------------------

/** Starts writing the whole guide → {task_id}; the task's result is {guide}. */
export function generateGuide(groupId) {
  return api(`${groupPath(groupId)}/guide/generate`, { method: 'POST' });
}

/** Rewrites one section (same id), keeping the others → {task_id}; the task's result is {guide}. */
export function regenerateSection(groupId, sectionId) {
  return api(`${groupPath(groupId)}/guide/sections/${encodeURIComponent(sectionId)}/regenerate`, { method: 'POST' });
}

export function saveGuide(groupId, guide) {
  return updateFocusGroup(groupId, { guide });
}

// A guide task still running for a group (group id → {taskId, sectionId|null}), kept for this tab so the page can
// follow it again after a reload.
const GUIDE_TASK_KEY = 'cohorta.focus-groups.guide-task.';

export function rememberGuideTask(groupId, task) {
  try {
    if (task) sessionStorage.setItem(GUIDE_TASK_KEY + groupId, JSON.stringify(task));
    else sessionStorage.removeItem(GUIDE_TASK_KEY + groupId);
  } catch {
    // Storage unavailable: a reload loses track of the task; the guide still appears when it is done.
  }
}

export function guideTaskOf(groupId) {
  try {
    const task = JSON.parse(sessionStorage.getItem(GUIDE_TASK_KEY + groupId) ?? 'null');
    return typeof task?.taskId === 'string' ? task : null;
  } catch {
    return null;
  }
}
