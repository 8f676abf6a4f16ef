// The discussion guide, edit mode: every text of the guide as a field, and its structure as buttons (add, remove and
// reorder sections, questions and probes; add or remove a poll and its options). The guide is a plain model; inputs
// write into it and structural changes re-render the editor from it. Each field is registered under its API path
// ("guide.sections[1].questions[0].text"), so an error the API names lands on that field.

import { h, uniqueId } from '../lib/dom.js';
import { icon } from './icon.js';
import { inputField, selectField, textareaField } from './persona-fields.js';
import { POLL_KINDS } from './focus-group-api.js';

// GuideLimits (Sources/Domain/FocusGroups/GuideLimits.swift).
const LIMITS = {
  sections: [1, 8],
  questions: [1, 6],
  probes: 4,
  text: 500,
  framing: 1000,
  title: 120,
  minutes: [1, 60],
  turnBudget: [2, 40],
  options: [2, 7],
  likert: [5, 7],
  samples: [1, 5],
};

const LIKERT_DEFAULT = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];

/** A text input with a visually hidden label and its own error line (probes, poll options). Field-shaped. */
function compactInput({ label, value, maxlength, testid, onInput }) {
  const id = uniqueId('guide-item');
  const input = h('input', { id, type: 'text', class: 'input input--compact', maxlength, 'aria-label': label, autocomplete: 'off', dataset: testid ? { testid } : undefined });
  input.value = value ?? '';
  const error = h('p', { id: `${id}-error`, class: 'field-error', hidden: true });
  const clearError = () => {
    error.hidden = true;
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
  };
  input.addEventListener('input', () => {
    onInput(input.value);
    if (input.getAttribute('aria-invalid') === 'true') clearError();
  });
  return {
    input,
    error,
    setError(message) {
      error.replaceChildren(icon('error'), h('span', { text: message }));
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', error.id);
    },
    clearError,
  };
}

/** A group-level error line (a list that is too long or short): field-shaped, focusing `target`. */
function groupError(target) {
  const element = h('p', { class: 'field-error', hidden: true });
  return {
    element,
    get input() {
      return target();
    },
    setError(message) {
      element.replaceChildren(icon('error'), h('span', { text: message }));
      element.hidden = false;
    },
    clearError() {
      element.hidden = true;
    },
  };
}

function iconButton(iconName, label, onClick, { disabled = false, danger = false, testid, focusKey } = {}) {
  const button = h('button', { type: 'button', class: `btn btn-ghost btn-icon btn-sm${danger ? ' btn-danger-text' : ''}`, 'aria-label': label, title: label, disabled, dataset: { testid, focusKey } }, icon(iconName));
  button.addEventListener('click', onClick);
  return button;
}

function textButton(iconName, label, onClick, { disabled = false, testid, focusKey } = {}) {
  const button = h('button', { type: 'button', class: 'btn btn-ghost btn-sm guide-add', disabled, dataset: { testid, focusKey } }, icon(iconName), label);
  button.addEventListener('click', onClick);
  return button;
}

/** Moves list[index] by `by` (−1 or +1) in place. */
function shift(list, index, by) {
  const target = index + by;
  if (target < 0 || target >= list.length) return false;
  [list[index], list[target]] = [list[target], list[index]];
  return true;
}

const numberOf = (field) => {
  const value = field.value();
  return value === null ? NaN : value;
};

/**
 * guide: the saved guide (copied, never changed). Returns { element, fields() → {path: field}, value() → the edited
 * guide, problems() → [[field, message]], isDirty(), focusFirst() }.
 */
export function guideEditor(guide) {
  const model = structuredClone(guide);
  for (const section of model.sections) for (const question of section.questions) question.probes ??= [];
  const saved = JSON.stringify(model);
  const element = h('div', { class: 'guide-editor', dataset: { testid: 'guide-editor' } });
  let registry = {};
  let numbers = []; // [field, [min, max], label] for the number inputs, checked on save

  const register = (path, field) => {
    registry[path] = field;
    return field;
  };

  /**
   * Re-renders from the model, then focuses the first of focusKeys (paths or button keys) that names an enabled
   * control: after a move, the moved item's button in the same direction, else the other one.
   */
  function render(...focusKeys) {
    registry = {};
    numbers = [];
    const sections = model.sections;
    element.replaceChildren(
      framingField('introduction', 'Introduction', 'How the moderator opens: the purpose, the ground rules, a warm welcome.'),
      h('ol', { class: 'guide-edit-sections' }, sections.map((section, index) => sectionEditor(section, index))),
      register('guide.sections', groupError(() => element.querySelector('input, textarea'))).element,
      textButton('plus', 'Add section', () => addSection(), { disabled: sections.length >= LIMITS.sections[1], testid: 'guide-add-section', focusKey: 'add-section' }),
      framingField('closing', 'Closing', 'How the moderator wraps up and thanks everyone.'),
    );
    for (const key of focusKeys) {
      const target = registry[key]?.input ?? element.querySelector(`[data-focus-key="${CSS.escape(key)}"]:not(:disabled)`);
      if (target) return target.focus();
    }
  }

  function framingField(key, label, hint) {
    const field = textareaField({ label, name: key, value: model[key], rows: 3, maxlength: LIMITS.framing, hint, testid: `guide-${key}` });
    field.input.addEventListener('input', () => {
      model[key] = field.input.value;
    });
    return register(`guide.${key}`, field).element;
  }

  function bind(field, write) {
    field.input.addEventListener('input', () => write(field.input.value));
    return field;
  }

  function sectionEditor(section, index) {
    const path = `guide.sections[${index}]`;
    const count = model.sections.length;
    const title = bind(inputField({ label: 'Title', name: 'title', value: section.title, maxlength: LIMITS.title, testid: 'guide-section-title-input' }), (value) => (section.title = value));
    const goal = bind(textareaField({ label: 'Goal', name: 'goal', value: section.goal, rows: 2, maxlength: LIMITS.text, optional: true, testid: 'guide-section-goal' }), (value) => (section.goal = value));
    const minutes = inputField({ label: 'Minutes', name: 'minutes', type: 'number', value: String(section.minutes ?? ''), min: LIMITS.minutes[0], max: LIMITS.minutes[1], testid: 'guide-section-minutes' });
    const turns = inputField({ label: 'Turn budget', name: 'turn_budget', type: 'number', value: String(section.turn_budget ?? ''), min: LIMITS.turnBudget[0], max: LIMITS.turnBudget[1], testid: 'guide-section-turns' });
    minutes.input.addEventListener('input', () => (section.minutes = minutes.value()));
    turns.input.addEventListener('input', () => (section.turn_budget = turns.value()));
    numbers.push([minutes, LIMITS.minutes], [turns, LIMITS.turnBudget]);
    register(`${path}.title`, title);
    register(`${path}.goal`, goal);
    register(`${path}.minutes`, minutes);
    register(`${path}.turn_budget`, turns);
    const sectionError = register(path, groupError(() => title.input));
    const questionsError = register(`${path}.questions`, groupError(() => title.input));

    return h(
      'li',
      { class: 'guide-edit-section', dataset: { testid: 'guide-edit-section' } },
      h(
        'div',
        { class: 'guide-edit-section-head' },
        h('h3', { class: 'guide-edit-section-title', text: `Section ${index + 1}` }),
        h(
          'div',
          { class: 'guide-edit-tools' },
          iconButton('arrowUp', `Move section ${index + 1} up`, () => move(model.sections, index, -1, (at, way) => `section-${at}-${way}`), { disabled: index === 0, focusKey: `section-${index}-up` }),
          iconButton('arrowDown', `Move section ${index + 1} down`, () => move(model.sections, index, 1, (at, way) => `section-${at}-${way}`), { disabled: index === count - 1, focusKey: `section-${index}-down` }),
          iconButton('trash', `Remove section ${index + 1}`, () => removeAt(model.sections, index, 'add-section'), { disabled: count <= LIMITS.sections[0], danger: true, focusKey: `section-${index}-remove` }),
        ),
      ),
      sectionError.element,
      h('div', { class: 'guide-edit-grid' }, title.element, h('div', { class: 'guide-edit-numbers' }, minutes.element, turns.element), goal.element),
      h('h4', { class: 'eyebrow', text: 'Questions' }),
      h('ol', { class: 'guide-edit-questions' }, section.questions.map((question, questionIndex) => questionEditor(section, question, index, questionIndex))),
      questionsError.element,
      textButton('plus', 'Add question', () => addQuestion(section, index), { disabled: section.questions.length >= LIMITS.questions[1], testid: 'guide-add-question', focusKey: `section-${index}-add-question` }),
      pollEditor(section, index),
    );
  }

  function questionEditor(section, question, sectionIndex, index) {
    const path = `guide.sections[${sectionIndex}].questions[${index}]`;
    const count = section.questions.length;
    const text = bind(textareaField({ label: `Question ${index + 1}`, name: 'question', value: question.text, rows: 2, maxlength: LIMITS.text, testid: 'guide-question-text' }), (value) => (question.text = value));
    register(`${path}.text`, text);
    register(path, text);
    const probesError = register(`${path}.probes`, groupError(() => text.input));
    const key = `s${sectionIndex}q${index}`;
    return h(
      'li',
      { class: 'guide-edit-question', dataset: { testid: 'guide-edit-question' } },
      h(
        'div',
        { class: 'guide-edit-question-row' },
        text.element,
        h(
          'div',
          { class: 'guide-edit-tools guide-edit-tools--question' },
          iconButton('arrowUp', `Move question ${index + 1} up`, () => move(section.questions, index, -1, (at, way) => `s${sectionIndex}q${at}-${way}`), { disabled: index === 0, focusKey: `${key}-up` }),
          iconButton('arrowDown', `Move question ${index + 1} down`, () => move(section.questions, index, 1, (at, way) => `s${sectionIndex}q${at}-${way}`), { disabled: index === count - 1, focusKey: `${key}-down` }),
          iconButton('trash', `Remove question ${index + 1}`, () => removeAt(section.questions, index, `section-${sectionIndex}-add-question`), { disabled: count <= LIMITS.questions[0], danger: true, testid: 'guide-remove-question', focusKey: `${key}-remove` }),
        ),
      ),
      h(
        'div',
        { class: 'guide-edit-probes', role: 'group', 'aria-label': `Probes for question ${index + 1}` },
        h('ul', { class: 'guide-edit-list' }, question.probes.map((probe, probeIndex) => listItem(question.probes, probeIndex, `${path}.probes[${probeIndex}]`, { label: `Probe ${probeIndex + 1} for question ${index + 1}`, maxlength: LIMITS.text, testid: 'guide-probe', addKey: `${key}-add-probe` }))),
        probesError.element,
        textButton('plus', 'Add probe', () => addItem(question.probes, `${path}.probes[${question.probes.length}]`), { disabled: question.probes.length >= LIMITS.probes, testid: 'guide-add-probe', focusKey: `${key}-add-probe` }),
      ),
    );
  }

  /** One text of a list (a probe, a poll option) with its remove button. */
  function listItem(list, index, path, { label, maxlength, testid, addKey, min = 0 }) {
    const field = register(path, compactInput({ label, value: list[index], maxlength, testid, onInput: (value) => (list[index] = value) }));
    return h(
      'li',
      { class: 'guide-edit-item' },
      h('div', { class: 'guide-edit-item-row' }, field.input, iconButton('close', `Remove ${label.toLowerCase()}`, () => removeAt(list, index, addKey), { disabled: list.length <= min, danger: true })),
      field.error,
    );
  }

  function pollEditor(section, sectionIndex) {
    const path = `guide.sections[${sectionIndex}].poll`;
    if (!section.poll) {
      return h('div', { class: 'guide-edit-poll guide-edit-poll--none' }, textButton('plus', 'Add a poll', () => addPoll(section, sectionIndex), { testid: 'guide-add-poll', focusKey: `section-${sectionIndex}-poll` }));
    }
    const data = section.poll;
    const kind = selectField({ label: 'Poll kind', name: 'poll_kind', value: data.kind, choices: POLL_KINDS, testid: 'guide-poll-kind' });
    kind.input.addEventListener('change', () => {
      data.kind = kind.value();
      if (data.kind === 'likert' && !LIMITS.likert.includes(data.options.length)) data.options = [...LIKERT_DEFAULT];
      render(`${path}.kind`);
    });
    const question = bind(inputField({ label: 'Poll question', name: 'poll_question', value: data.question, maxlength: LIMITS.text, testid: 'guide-poll-question', wide: true }), (value) => (data.question = value));
    const samples = inputField({ label: 'Answers per participant', name: 'samples', type: 'number', value: String(data.samples ?? 3), min: LIMITS.samples[0], max: LIMITS.samples[1], testid: 'guide-poll-samples' });
    samples.input.addEventListener('input', () => (data.samples = samples.value()));
    numbers.push([samples, LIMITS.samples]);
    register(`${path}.kind`, kind);
    register(`${path}.question`, question);
    register(`${path}.samples`, samples);
    register(path, question);
    const optionsError = register(`${path}.options`, groupError(() => question.input));
    const maxOptions = data.kind === 'likert' ? LIMITS.likert[1] : LIMITS.options[1];
    const addKey = `section-${sectionIndex}-add-option`;
    return h(
      'div',
      { class: 'guide-edit-poll', dataset: { testid: 'guide-edit-poll' } },
      h('div', { class: 'guide-edit-section-head' }, h('h4', { class: 'eyebrow', text: 'Poll' }), iconButton('trash', `Remove the poll of section ${sectionIndex + 1}`, () => removePoll(section, sectionIndex), { danger: true, testid: 'guide-remove-poll' })),
      h('div', { class: 'guide-edit-grid' }, kind.element, samples.element, question.element),
      h(
        'div',
        { class: 'guide-edit-options', role: 'group', 'aria-label': 'Poll options' },
        h('p', { class: 'guide-edit-options-label', text: data.kind === 'likert' ? 'Scale, lowest first (5 or 7 points)' : data.kind === 'ranking' ? 'Items to rank' : 'Options' }),
        h('ol', { class: 'guide-edit-list' }, data.options.map((_, index) => listItem(data.options, index, `${path}.options[${index}]`, { label: `Option ${index + 1}`, maxlength: LIMITS.title, testid: 'guide-poll-option', addKey, min: LIMITS.options[0] }))),
        optionsError.element,
        textButton('plus', 'Add option', () => addItem(data.options, `${path}.options[${data.options.length}]`), { disabled: data.options.length >= maxOptions, testid: 'guide-add-option', focusKey: addKey }),
      ),
    );
  }

  // ---- Structure ---------------------------------------------------------------------------------------
  /** keyOf(position, direction) names the moved item's buttons. */
  function move(list, index, by, keyOf) {
    if (shift(list, index, by)) render(keyOf(index + by, by < 0 ? 'up' : 'down'), keyOf(index + by, by < 0 ? 'down' : 'up'));
  }

  function removeAt(list, index, focusKey) {
    list.splice(index, 1);
    render(focusKey);
  }

  function addItem(list, path) {
    list.push('');
    render(path);
  }

  function addQuestion(section, sectionIndex) {
    section.questions.push({ id: '', text: '', probes: [] });
    render(`guide.sections[${sectionIndex}].questions[${section.questions.length - 1}].text`);
  }

  function addSection() {
    model.sections.push({ id: '', title: '', goal: '', minutes: 10, turn_budget: 8, questions: [{ id: '', text: '', probes: [] }], poll: null });
    render(`guide.sections[${model.sections.length - 1}].title`);
  }

  function addPoll(section, sectionIndex) {
    section.poll = { id: '', kind: 'likert', question: '', options: [...LIKERT_DEFAULT], samples: 3 };
    render(`guide.sections[${sectionIndex}].poll.question`);
  }

  function removePoll(section, sectionIndex) {
    section.poll = null;
    render(`section-${sectionIndex}-poll`);
  }

  // ---- Reading -----------------------------------------------------------------------------------------
  /** The edited guide; empty probes are dropped. */
  function value() {
    const trim = (text) => String(text ?? '').trim();
    return {
      version: model.version,
      introduction: trim(model.introduction),
      sections: model.sections.map((section) => ({
        id: section.id,
        title: trim(section.title),
        goal: trim(section.goal),
        minutes: section.minutes,
        turn_budget: section.turn_budget,
        questions: section.questions.map((question) => ({ id: question.id, text: trim(question.text), probes: question.probes.map(trim).filter(Boolean) })),
        poll: section.poll ? { ...section.poll, question: trim(section.poll.question), options: section.poll.options.map(trim) } : null,
      })),
      closing: trim(model.closing),
    };
  }

  /** Client checks: [[field, message-or-null]] for every field that needs text or a number in range. */
  function problems() {
    const checks = [];
    const required = (path, text, message) => registry[path] && checks.push([registry[path], String(text ?? '').trim() ? null : message]);
    required('guide.introduction', model.introduction, 'Write how the moderator opens.');
    model.sections.forEach((section, index) => {
      const path = `guide.sections[${index}]`;
      required(`${path}.title`, section.title, 'Give the section a title.');
      section.questions.forEach((question, questionIndex) => required(`${path}.questions[${questionIndex}].text`, question.text, 'Write the question or remove it.'));
      if (section.poll) {
        required(`${path}.poll.question`, section.poll.question, 'Write the poll question or remove the poll.');
        section.poll.options.forEach((option, optionIndex) => required(`${path}.poll.options[${optionIndex}]`, option, 'Write the option or remove it.'));
        if (section.poll.kind === 'likert' && !LIMITS.likert.includes(section.poll.options.length)) checks.push([registry[`${path}.poll.options`], 'A Likert scale has 5 or 7 points.']);
      }
    });
    required('guide.closing', model.closing, 'Write how the moderator closes.');
    for (const [field, [min, max]] of numbers) {
      const number = numberOf(field);
      checks.push([field, Number.isInteger(number) && number >= min && number <= max ? null : `Choose a whole number from ${min} to ${max}.`]);
    }
    return checks;
  }

  render();
  return {
    element,
    fields: () => registry,
    value,
    problems,
    isDirty: () => JSON.stringify(model) !== saved,
    focusFirst: () => registry['guide.introduction']?.input.focus(),
  };
}
