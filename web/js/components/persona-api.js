// The personas and folders API (CONTRACT-3 "Personas and folders"): thin wrappers over api() plus the
// vocabularies the screens share. List answers are {items, page, per_page, total}.

import { api } from '../lib/api.js';

/** The "No folder" filter value for GET /api/personas?folder_id=… */
export const NO_FOLDER = 'none';

// The API's vocabularies (Domain PersonaGender, PersonaIncomeBand, PersonaAttitude): values are sent as is.
export const GENDERS = [
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'non_binary', label: 'Non-binary' },
  { value: 'unspecified', label: 'Unspecified' },
];

export const INCOME_BANDS = [
  { value: 'low', label: 'Low' },
  { value: 'lower_middle', label: 'Lower middle' },
  { value: 'middle', label: 'Middle' },
  { value: 'upper_middle', label: 'Upper middle' },
  { value: 'high', label: 'High' },
];

export const ATTITUDES = [
  { value: 'enthusiast', label: 'Enthusiast' },
  { value: 'pragmatist', label: 'Pragmatist' },
  { value: 'neutral', label: 'Neutral' },
  { value: 'skeptic', label: 'Skeptic' },
  { value: 'resistant', label: 'Resistant' },
];

export const PSYCHOGRAPHICS = [
  { key: 'values', label: 'Values' },
  { key: 'motivations', label: 'Motivations' },
  { key: 'frustrations', label: 'Frustrations' },
  { key: 'interests', label: 'Interests' },
];

export const BEHAVIOURS = [
  { key: 'shopping', label: 'Shopping' },
  { key: 'media', label: 'Media' },
  { key: 'technology', label: 'Technology' },
];

export function genderLabel(value) {
  return GENDERS.find((gender) => gender.value === value)?.label ?? humanize(value);
}

/** "upper-middle" → "Upper-middle"; "price_sensitive" → "Price sensitive". */
export function humanize(value) {
  const words = String(value ?? '').replace(/_/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : '';
}

/** query: { q, folder_id, gender, age_min, age_max, page, per_page } (empty values are left out). */
export function listPersonas(query, { signal } = {}) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  return api(`/api/personas?${search}`, { signal });
}

export function getPersona(id, { signal } = {}) {
  return api(`/api/personas/${encodeURIComponent(id)}`, { signal });
}

export function createPersona(fields) {
  return api('/api/personas', { method: 'POST', body: fields });
}

export function updatePersona(id, changes) {
  return api(`/api/personas/${encodeURIComponent(id)}`, { method: 'PATCH', body: changes });
}

export function deletePersona(id) {
  return api(`/api/personas/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function bulkDeletePersonas(ids) {
  return api('/api/personas/bulk-delete', { method: 'POST', body: { ids } });
}

/** folderId null moves the personas out of every folder. */
export function movePersonas(ids, folderId) {
  return api('/api/personas/move', { method: 'POST', body: { ids, folder_id: folderId } });
}

/** The user's folders as an array (the answer may be an array or {items}). */
export async function listFolders({ signal } = {}) {
  const answer = await api('/api/folders', { signal });
  return Array.isArray(answer) ? answer : (answer?.items ?? []);
}

export function createFolder(name, parentId = null) {
  return api('/api/folders', { method: 'POST', body: { name, parent_id: parentId } });
}

export function renameFolder(id, name) {
  return api(`/api/folders/${encodeURIComponent(id)}`, { method: 'PATCH', body: { name } });
}

export function deleteFolder(id) {
  return api(`/api/folders/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/**
 * Folders in tree order: [{ folder, depth, path }], children after their parent, siblings by name. A folder whose
 * parent is missing is shown at the top level; cycles are cut.
 */
export function folderTree(folders) {
  const ids = new Set(folders.map((folder) => folder.id));
  const children = new Map();
  for (const folder of folders) {
    const parent = folder.parent_id && ids.has(folder.parent_id) ? folder.parent_id : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(folder);
  }
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
  const ordered = [];
  const seen = new Set();
  const walk = (parent, depth, path) => {
    for (const folder of children.get(parent) ?? []) {
      if (seen.has(folder.id)) continue;
      seen.add(folder.id);
      const here = [...path, folder.name];
      ordered.push({ folder, depth, path: here });
      walk(folder.id, depth + 1, here);
    }
  };
  walk(null, 0, []);
  return ordered;
}
