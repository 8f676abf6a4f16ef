// The discussion guide, read mode: the introduction, each section (title, goal, minutes, turn budget, questions with
// their probes, the poll with its kind, options and samples) and the closing.

import { h } from '../lib/dom.js';
import { formatNumber, plural } from '../lib/format.js';
import { icon } from './icon.js';
import { pollKindLabel } from './focus-group-api.js';


/** "4 sections · 35 min · 40 turns". */
export function guideTotals(guide) {
  const sections = guide.sections ?? [];
  const minutes = sections.reduce((sum, section) => sum + (Number(section.minutes) || 0), 0);
  const turns = sections.reduce((sum, section) => sum + (Number(section.turn_budget) || 0), 0);
  return `${plural(sections.length, 'section')} · ${formatNumber(minutes)} min · ${plural(turns, 'turn')}`;
}

function framing(label, text, testid) {
  return h('section', { class: 'guide-framing', dataset: { testid } }, h('h3', { class: 'eyebrow guide-framing-title', text: label }), h('p', { text }));
}

function poll(data) {
  return h(
    'div',
    { class: 'guide-poll', dataset: { testid: 'guide-poll', kind: data.kind } },
    h('p', { class: 'guide-poll-head' }, h('span', { class: 'badge badge-brand' }, icon('usage', 'icon badge-icon'), `Poll · ${pollKindLabel(data.kind)}`), h('span', { class: 'guide-poll-samples', text: `${plural(data.samples ?? 3, 'answer')} per participant` })),
    h('p', { class: 'guide-poll-question', text: data.question }),
    h(data.kind === 'choice' ? 'ul' : 'ol', { class: `guide-poll-options guide-poll-options--${data.kind}` }, data.options.map((option) => h('li', { text: option }))),
  );
}

/**
 * options: sectionExtras(section, index) → nodes placed after the section's minutes and turns (e.g. "Regenerate this
 * section"),
 * sectionSlot(section, index) → a node placed under the section (e.g. its regeneration progress).
 */
export function guideView(guide, { sectionExtras, sectionSlot } = {}) {
  return h(
    'div',
    { class: 'guide', dataset: { testid: 'guide', version: String(guide.version ?? '') } },
    framing('Introduction', guide.introduction, 'guide-introduction'),
    h(
      'ol',
      { class: 'guide-sections' },
      (guide.sections ?? []).map((section, index) =>
        h(
          'li',
          { class: 'guide-section', dataset: { testid: 'guide-section', id: section.id } },
          h(
            'header',
            { class: 'guide-section-head' },
            h('span', { class: 'step-number', 'aria-hidden': 'true', text: String(index + 1) }),
            h(
              'div',
              { class: 'guide-section-heading' },
              h('h3', { class: 'guide-section-title', dataset: { testid: 'guide-section-title' } }, h('span', { class: 'visually-hidden', text: `Section ${index + 1}: ` }), section.title),
              section.goal && h('p', { class: 'guide-section-goal' }, icon('target'), h('span', { text: section.goal })),
              h('div', { class: 'guide-section-meta' }, h('span', { class: 'chip chip--plain' }, icon('clock'), `${formatNumber(section.minutes)} min`), h('span', { class: 'chip chip--plain' }, icon('groups'), plural(section.turn_budget, 'turn')), sectionExtras?.(section, index)),
            ),
          ),
          h(
            'ol',
            { class: 'guide-questions' },
            section.questions.map((question) =>
              h(
                'li',
                { class: 'guide-question', dataset: { testid: 'guide-question', id: question.id } },
                h('p', { class: 'guide-question-text', text: question.text }),
                question.probes?.length > 0 && h('ul', { class: 'guide-probes', 'aria-label': 'Probes' }, question.probes.map((probe) => h('li', { text: probe }))),
              ),
            ),
          ),
          section.poll && poll(section.poll),
          sectionSlot?.(section, index),
        ),
      ),
    ),
    framing('Closing', guide.closing, 'guide-closing'),
  );
}
