// The fields of a focus group, grouped in sections: basics (name, language, objective, audience), participants (the
// persona picker), stimuli, and settings (turn-taking, max turns, the spending cap, model tiers under "Advanced").
// Server errors land on the field the API names ("participant_ids", "settings.max_turns", "stimuli[1].text" …).

import { h, uniqueId } from '../lib/dom.js';
import { formAlert, formSection } from './form.js';
import { icon } from './icon.js';
import { inputField, selectField, textareaField } from './persona-fields.js';
import { personaPicker } from './persona-picker.js';
import { stimuliEditor } from './stimuli.js';
import { AUDIENCE_MAX, dollarsText, LANGUAGE_TAG, LANGUAGES, MAX_TURNS, NAME_MAX, OBJECTIVE_MAX, parseDollars, TIERS, TURN_TAKING, USD_CAP } from './focus-group-api.js';

const OTHER = 'other';

/** The language as a select of common languages plus "Other…", which asks for a tag. Field-shaped. */
function languageField(value = 'en') {
  const known = LANGUAGES.some((language) => language.value === value);
  const select = selectField({ label: 'Language', name: 'language', value: known ? value : OTHER, choices: [...LANGUAGES, { value: OTHER, label: 'Other…' }], testid: 'fg-language', hint: 'The language the discussion is held in.' });
  const tag = inputField({ label: 'Language tag', name: 'language_tag', value: known ? '' : value, maxlength: 35, testid: 'fg-language-tag', hint: 'A tag such as ca, pt-PT or es-MX.' });
  const sync = () => {
    tag.element.hidden = select.value() !== OTHER;
  };
  select.input.addEventListener('change', () => {
    sync();
    if (select.value() === OTHER) tag.input.focus();
  });
  sync();
  const other = () => select.value() === OTHER;
  return {
    elements: [select.element, tag.element],
    value: () => (other() ? tag.value() : select.value()),
    problem: () => (other() && !LANGUAGE_TAG.test(tag.value()) ? 'Enter a tag of 2 to 35 letters, digits and dashes, such as pt-PT.' : null),
    get input() {
      return other() ? tag.input : select.input;
    },
    setError: (message) => (other() ? tag : select).setError(message),
    clearError: () => {
      select.clearError();
      tag.clearError();
    },
  };
}

/** The turn-taking modes as radio cards with a line each on how they behave. Field-shaped. */
function turnTakingField(value = 'moderator_directed') {
  const id = uniqueId('turn-taking');
  const error = h('p', { id: `${id}-error`, class: 'field-error', hidden: true });
  const radios = TURN_TAKING.map((mode) => {
    const radio = h('input', { type: 'radio', name: id, value: mode.value, class: 'choice-card-input', 'aria-describedby': `${id}-${mode.value}`, dataset: { testid: 'fg-turn-taking' } });
    radio.checked = mode.value === value;
    return { mode, radio };
  });
  if (!radios.some(({ radio }) => radio.checked)) radios[0].radio.checked = true;
  const element = h(
    'fieldset',
    { class: 'field field--wide choice-cards' },
    h('legend', { text: 'Turn-taking' }),
    error,
    h(
      'div',
      { class: 'choice-card-grid' },
      radios.map(({ mode, radio }) => h('label', { class: 'choice-card' }, radio, h('span', { class: 'choice-card-face' }, h('span', { class: 'choice-card-title' }, icon('check', 'icon choice-card-check'), mode.label), h('span', { id: `${id}-${mode.value}`, class: 'choice-card-text', text: mode.text })))),
    ),
  );
  return {
    element,
    get input() {
      return radios.find(({ radio }) => radio.checked)?.radio ?? radios[0].radio;
    },
    value: () => radios.find(({ radio }) => radio.checked)?.radio.value ?? TURN_TAKING[0].value,
    setError(message) {
      error.replaceChildren(icon('error'), h('span', { text: message }));
      error.hidden = false;
    },
    clearError() {
      error.hidden = true;
    },
  };
}

/** A dollar amount with a "$" in front. Field-shaped; value() → the API's decimal string or null. */
function dollarField({ label, value, hint, testid }) {
  const field = inputField({ label, name: 'usd_cap', value: dollarsText(value), hint, testid });
  field.input.setAttribute('inputmode', 'decimal');
  field.input.parentElement.classList.add('input-wrap--prefix');
  field.input.before(h('span', { class: 'input-prefix', 'aria-hidden': 'true', text: '$' }));
  return { ...field, value: () => parseDollars(field.input.value) };
}

/**
 * options: group (edit) or null (new); signal; thumbnail (the page's image loader); live (stimuli saved at once,
 * see stimuliEditor). Returns { element, alert, fields, stimuli, checks(), body(), changes(), isDirty(), revealField(field) }.
 */
export function focusGroupForm({ group, signal, thumbnail, live }) {
  const settings = group?.settings ?? {};
  const name = inputField({ label: 'Name', name: 'name', value: group?.name, maxlength: NAME_MAX, testid: 'fg-name', hint: 'For you: participants never see it.' });
  const language = languageField(group?.language ?? 'en');
  const objective = textareaField({ label: 'Objective', name: 'objective', value: group?.objective, rows: 4, maxlength: OBJECTIVE_MAX, testid: 'fg-objective', hint: 'What you want to learn. The moderator steers the discussion towards it.' });
  const audience = textareaField({ label: 'Audience', name: 'audience', value: group?.audience, rows: 3, maxlength: AUDIENCE_MAX, optional: true, testid: 'fg-audience', hint: 'Who the participants stand for, in a sentence or two.' });
  const picker = personaPicker({ chosen: group?.participants ?? [], signal });
  const stimuli = stimuliEditor({ stimuli: group?.stimuli ?? [], signal, thumbnail, live });
  const turnTaking = turnTakingField(settings.turn_taking);
  const maxTurns = inputField({ label: 'Maximum turns', name: 'max_turns', type: 'number', value: String(settings.max_turns ?? MAX_TURNS.standard), min: MAX_TURNS.min, max: MAX_TURNS.max, testid: 'fg-max-turns', hint: `Moderator and participants together, ${MAX_TURNS.min}–${MAX_TURNS.max}. The moderator wraps up before the last one.` });
  const usdCap = dollarField({ label: 'Spending cap', value: settings.usd_cap ?? USD_CAP.standard, testid: 'fg-usd-cap', hint: `What one run may spend on AI, $${USD_CAP.min.toFixed(2)}–$${USD_CAP.max.toFixed(2)}. Reaching it ends the run with a partial report.` });
  const moderatorTier = selectField({ label: 'Moderator model', name: 'moderator_tier', value: settings.moderator_tier ?? 'main', choices: TIERS, testid: 'fg-moderator-tier' });
  const personaTier = selectField({ label: 'Participant model', name: 'persona_tier', value: settings.persona_tier ?? 'main', choices: TIERS, testid: 'fg-persona-tier' });
  const advanced = h(
    'details',
    { class: 'advanced field--wide', dataset: { testid: 'fg-advanced' } },
    h('summary', {}, icon('sliders'), 'Advanced: model tiers'),
    h('p', { class: 'field-hint', text: 'Main gives richer, more consistent voices; Mini is quicker and costs less per turn.' }),
    h('div', { class: 'editor-grid' }, moderatorTier.element, personaTier.element),
  );
  const alert = formAlert();

  const fields = {
    name,
    language,
    objective,
    audience,
    participant_ids: picker,
    ...stimuli.fields,
    settings: turnTaking,
    'settings.turn_taking': turnTaking,
    'settings.max_turns': maxTurns,
    'settings.usd_cap': usdCap,
    'settings.moderator_tier': moderatorTier,
    'settings.persona_tier': personaTier,
  };

  const element = h(
    'div',
    { class: 'editor-sections' },
    alert.element,
    formSection('fg-basics', 'Basics', 'What the group is about and the language it speaks.', [name.element, ...language.elements, objective.element, audience.element]),
    formSection('fg-participants', 'Participants', 'The synthetic users who take part.', picker.element, 'editor-stack'),
    formSection('fg-stimuli', 'Stimuli', live ? 'Concepts and images the moderator shows. Changes here are saved at once.' : 'Concepts and images the moderator shows. Images are uploaded when you create the group.', stimuli.element, 'editor-stack'),
    formSection('fg-settings', 'Settings', 'How the discussion runs and what it may cost.', [turnTaking.element, maxTurns.element, usdCap.element, advanced]),
  );

  function body() {
    return {
      name: name.value(),
      objective: objective.value(),
      audience: audience.value(),
      language: language.value(),
      participant_ids: picker.value(),
      settings: { turn_taking: turnTaking.value(), max_turns: maxTurns.value(), usd_cap: usdCap.value(), moderator_tier: moderatorTier.value(), persona_tier: personaTier.value() },
    };
  }
  const initial = body();

  /** What differs from the group as loaded (the whole body for a new group). */
  function changes() {
    const current = body();
    return Object.fromEntries(Object.entries(current).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(initial[key])));
  }

  function checks() {
    const turns = maxTurns.value();
    const cap = usdCap.value();
    const capNumber = Number(cap);
    return [
      [name, name.value() ? null : 'Give the focus group a name.'],
      [language, language.problem()],
      [objective, objective.value() ? null : 'Describe what you want to learn.'],
      [picker, picker.problem()],
      [maxTurns, Number.isInteger(turns) && turns >= MAX_TURNS.min && turns <= MAX_TURNS.max ? null : `Choose a whole number from ${MAX_TURNS.min} to ${MAX_TURNS.max}.`],
      [usdCap, cap !== null && capNumber >= USD_CAP.min && capNumber <= USD_CAP.max ? null : `Enter an amount from $${USD_CAP.min.toFixed(2)} to $${USD_CAP.max.toFixed(2)}.`],
    ];
  }

  /** Opens the disclosure a field sits in, so its error can be seen. */
  function revealField(field) {
    if (advanced.contains(field.element ?? null)) advanced.open = true;
  }

  // Stimuli of an existing group are saved as they change; a new group's are part of the form until it is created.
  const isDirty = () => Object.keys(changes()).length > 0 || (!live && stimuli.count() > 0);
  return { element, alert, fields, stimuli, checks, body, changes, isDirty, revealField };
}
