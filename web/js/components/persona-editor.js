// The persona editor: every editable field of a persona, grouped in sections, with client checks, a PATCH of only
// what changed, and server errors shown inline on the field the API names ("age", "psychographics.values"…).
// basicFields() is shared with the "New persona" dialog.

import { h } from '../lib/dom.js';
import { formAlert, formSection } from './form.js';
import { ATTITUDES, BEHAVIOURS, folderTree, GENDERS, INCOME_BANDS, NO_FOLDER, PSYCHOGRAPHICS } from './persona-api.js';
import { chipsField, inputField, selectField, textareaField } from './persona-fields.js';

export const AGE_MIN = 18;
export const AGE_MAX = 100;

/** The manual fields of a persona, keyed by API name. */
export function basicFields(persona = {}, folders = [], { folderId = null } = {}) {
  return {
    name: inputField({ label: 'Name', name: 'name', value: persona.name, maxlength: 80, testid: 'field-name', autocomplete: 'off' }),
    age: inputField({ label: 'Age', name: 'age', type: 'number', value: persona.age ?? '', min: AGE_MIN, max: AGE_MAX, testid: 'field-age' }),
    gender: selectField({ label: 'Gender', name: 'gender', value: persona.gender ?? '', choices: [{ value: '', label: 'Choose…' }, ...GENDERS], testid: 'field-gender' }),
    occupation: inputField({ label: 'Occupation', name: 'occupation', value: persona.occupation, maxlength: 120, testid: 'field-occupation' }),
    location: inputField({ label: 'Location', name: 'location', value: persona.location, maxlength: 120, hint: null, testid: 'field-location' }),
    income_band: selectField({ label: 'Income band', name: 'income_band', value: persona.income_band ?? '', choices: [{ value: '', label: 'Choose…' }, ...INCOME_BANDS], testid: 'field-income' }),
    attitude: selectField({ label: 'Attitude', name: 'attitude', value: persona.attitude ?? '', choices: [{ value: '', label: 'Choose…' }, ...ATTITUDES], testid: 'field-attitude' }),
    folder_id: selectField({
      label: 'Folder',
      name: 'folder_id',
      value: persona.folder_id ?? folderId ?? NO_FOLDER,
      choices: [{ value: NO_FOLDER, label: 'No folder' }, ...folderTree(folders).map(({ folder, depth }) => ({ value: folder.id, label: `${'\u2003'.repeat(depth)}${folder.name}` }))],
      testid: 'field-folder',
    }),
  };
}

export function storyFields(persona = {}, { bioRows = 5 } = {}) {
  return {
    bio: textareaField({ label: 'Bio', name: 'bio', value: persona.bio, optional: true, rows: bioRows, maxlength: 2000, testid: 'field-bio' }),
    quote: textareaField({ label: 'Quote', name: 'quote', value: persona.quote, optional: true, rows: 2, maxlength: 400, hint: 'Something they would say, in their own words.', testid: 'field-quote' }),
  };
}

/** Reads fields into an API body; the folder's "none" becomes null. */
export function readFields(fields) {
  const body = {};
  for (const [key, field] of Object.entries(fields)) {
    const value = field.value();
    body[key] = key === 'folder_id' && value === NO_FOLDER ? null : value;
  }
  return body;
}

/** Client checks on the manual fields: [[field, message-or-null], …] for handleSubmit or checkAll. */
export function basicChecks(fields) {
  const age = fields.age.value();
  let ageProblem = null;
  if (age === null || Number.isNaN(age)) ageProblem = 'Enter an age.';
  else if (!Number.isInteger(age) || age < AGE_MIN || age > AGE_MAX) ageProblem = `Age must be a whole number from ${AGE_MIN} to ${AGE_MAX}.`;
  const required = (field, problem) => [field, field.value() ? null : problem];
  return [
    required(fields.name, 'Enter a name.'),
    [fields.age, ageProblem],
    required(fields.gender, 'Choose a gender.'),
    required(fields.occupation, 'Enter an occupation.'),
    required(fields.location, 'Enter a location.'),
    required(fields.income_band, 'Choose an income band.'),
    required(fields.attitude, 'Choose an attitude.'),
  ];
}

/**
 * Finds the field for an API error's `field`: exact key, else "group.key" within a group, else the group's first
 * list, else null.
 */
export function fieldFor(fields, name) {
  if (!name) return null;
  if (fields[name]) return fields[name];
  const [group, key] = name.split(/[.[\]/]+/).filter(Boolean);
  if (fields[`${group}.${key}`]) return fields[`${group}.${key}`];
  return Object.entries(fields).find(([candidate]) => candidate.startsWith(`${group}.`))?.[1] ?? null;
}

/**
 * The full editor form. Returns { element, alert, fields, changes() → PATCH body of what changed (empty when
 * nothing did), checks() → client check results, isDirty() }.
 */
export function personaEditor(persona, folders) {
  const basics = basicFields(persona, folders);
  const story = storyFields(persona);
  const lists = {};
  for (const [group, keys] of [['psychographics', PSYCHOGRAPHICS], ['behaviours', BEHAVIOURS]]) {
    for (const { key, label } of keys) {
      lists[`${group}.${key}`] = chipsField({ label, name: `${group}-${key}`, values: persona[group]?.[key] ?? [], testid: `field-${group}-${key}` });
    }
  }
  const fields = { ...basics, ...story, ...lists };
  const alert = formAlert();

  const element = h(
    'div',
    { class: 'editor-sections' },
    alert.element,
    formSection('edit-basics', 'Basics', 'Who they are at a glance.', Object.values(basics).map((field) => field.element)),
    formSection('edit-story', 'Story', 'The bio and quote the AI plays from.', Object.values(story).map((field) => field.element), 'editor-stack'),
    formSection(
      'edit-psychographics',
      'Psychographics',
      'Values, motivations, frustrations and interests. Press Enter after each entry.',
      PSYCHOGRAPHICS.map(({ key }) => lists[`psychographics.${key}`].element),
      'editor-grid editor-grid--pairs',
    ),
    formSection('edit-behaviours', 'Behaviours', 'How they shop, what they read and watch, what tech they use.', BEHAVIOURS.map(({ key }) => lists[`behaviours.${key}`].element)),
  );

  function current() {
    const body = readFields({ ...basics, ...story });
    for (const group of ['psychographics', 'behaviours']) {
      body[group] = {};
      for (const [key, field] of Object.entries(lists)) {
        if (key.startsWith(`${group}.`)) body[group][key.slice(group.length + 1)] = field.value();
      }
    }
    return body;
  }

  function changes() {
    const body = current();
    const diff = {};
    for (const [key, value] of Object.entries(body)) {
      const before = key === 'psychographics' || key === 'behaviours' ? { ...Object.fromEntries(Object.keys(value).map((k) => [k, []])), ...persona[key] } : (persona[key] ?? (key === 'folder_id' ? null : ''));
      if (JSON.stringify(normalize(value)) !== JSON.stringify(normalize(before))) diff[key] = value;
    }
    return diff;
  }

  return {
    element,
    alert,
    fields,
    changes,
    checks: () => basicChecks(basics),
    isDirty: () => Object.keys(changes()).length > 0,
  };
}

function normalize(value) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, normalize(value[key])]));
  }
  return value ?? null;
}
