// Guide progress: the session's own (frozen) guide as a checklist — the introduction, each section with its
// questions, the closing — with the done ones checked, the current one highlighted (aria-current) and, when the run
// stopped early, where it stopped and the rest "Not reached". The turn count against the limit is a thin bar.

import { h } from '../lib/dom.js';
import { formatNumber, plural } from '../lib/format.js';
import { icon } from './icon.js';
import { isEnded } from './session-api.js';
import { sessionPanel } from './session-panel.js';

const PHASES = { opening: 'Opening', discussing: 'Discussing', closing: 'Closing', reporting: 'Writing the report', done: 'Done' };

/** Returns { element, update(session) }. */
export function guideProgressPanel() {
  const panel = sessionPanel({ id: 'progress-heading', title: 'Guide progress', testid: 'guide-progress' });

  return {
    element: panel.element,
    update(session) {
      const { progress, guide } = session;
      panel.badge.hidden = false;
      panel.badge.textContent = PHASES[progress.phase] ?? progress.phase;
      panel.render({ progress, status: session.status, sections: guide.sections?.length }, () => build(session));
    },
  };
}

/** A step at `order` against the run's position `at`: 'done' | 'current' | 'todo', or once ended 'stopped' | 'missed'. */
function stateOf(order, at, ended) {
  if (order < at) return 'done';
  if (order === at) return ended ? 'stopped' : 'current';
  return ended ? 'missed' : 'todo';
}

/** A section from its first and last question's order. */
function sectionStateOf(first, last, at, ended) {
  if (at > last) return 'done';
  if (at >= first) return ended ? 'stopped' : 'current';
  return ended ? 'missed' : 'todo';
}

function build(session) {
  const { progress, guide } = session;
  const sections = guide.sections ?? [];
  const ended = isEnded(session);
  // Steps in order: 0 the introduction, then one per question (section by section), then the closing.
  const at = positionOf(progress, sections);
  let order = 0;
  const step = (label, text, state, testid, nested) =>
    h(
      'li',
      { class: `progress-step progress-step--${state}`, 'aria-current': state === 'current' ? 'step' : null, dataset: { testid, state } },
      h('span', { class: 'progress-mark', 'aria-hidden': 'true' }, state === 'done' ? icon('check') : null),
      h('div', { class: 'progress-text' }, h('span', { class: 'visually-hidden', text: `${STATE_WORDS[state]}: ` }), label && h('span', { class: 'progress-label', text: label }), h('span', { text }), nested),
    );

  const intro = step('Introduction', '', stateOf(order++, at, ended), 'progress-intro');
  const items = sections.map((section, sIndex) => {
    const questions = section.questions.map((question, qIndex) => step(`Q${qIndex + 1}`, question.text, stateOf(order++, at, ended), 'progress-question'));
    const sectionState = sectionStateOf(order - questions.length, order - 1, at, ended);
    return h(
      'li',
      { class: `progress-section progress-section--${sectionState}`, dataset: { testid: 'progress-section', state: sectionState } },
      h('p', { class: 'progress-section-title' }, h('span', { class: 'step-number', 'aria-hidden': 'true', text: String(sIndex + 1) }), h('span', { text: section.title })),
      h('ol', { class: 'progress-steps' }, questions),
    );
  });
  const closing = step('Closing', '', stateOf(order, at, ended), 'progress-closing');
  const turns = h('progress', { class: 'gen-progress progress-turns', max: String(progress.max_turns), value: String(Math.min(progress.turns, progress.max_turns)), 'aria-label': 'Turns used' });
  return [
    h('p', { class: 'progress-turns-label', dataset: { testid: 'progress-turns' } }, h('span', { text: plural(progress.turns, 'turn') }), h('span', { class: 'muted-note', text: `of ${formatNumber(progress.max_turns)} at most` })),
    turns,
    h('ol', { class: 'progress-steps progress-steps--top' }, intro, h('li', { class: 'progress-sections' }, h('ol', {}, items)), closing),
  ];
}

const STATE_WORDS = { done: 'Done', current: 'Now', todo: 'Coming up', stopped: 'Stopped here', missed: 'Not reached' };

/** The run's place as a step order (see build): 0 the introduction … questions … the closing, past it once done. */
function positionOf(progress, sections) {
  const questionsBefore = (index) => sections.slice(0, index).reduce((sum, section) => sum + section.questions.length, 0);
  const all = questionsBefore(sections.length);
  switch (progress.phase) {
    case 'opening':
      return 0;
    case 'discussing':
      return 1 + questionsBefore(Math.min(progress.section, sections.length)) + progress.question;
    case 'closing':
      return 1 + all;
    default:
      return 2 + all; // reporting, done: everything is behind
  }
}
