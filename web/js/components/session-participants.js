// The participant panel: each persona with its attitude, turns and share of the participants' turns (a bar), who has
// spoken on the current question, and "Ask next" (a mention: that persona answers next) while the run takes commands.

import { h } from '../lib/dom.js';
import { formatPercent, plural } from '../lib/format.js';
import { icon } from './icon.js';
import { personaAvatar } from './persona-avatar.js';
import { attitudeChip } from './persona-card.js';
import { sessionPanel } from './session-panel.js';

/** onAsk(person) → Promise: sends the mention. Returns { element, update(session, {canAsk, asked, live}) }. */
export function participantsPanel({ onAsk }) {
  const panel = sessionPanel({ id: 'participants-heading', title: 'Participants', testid: 'participants-panel' });

  function row(person, total, { canAsk, asked, live }) {
    const share = total ? person.turns / total : 0;
    const waiting = asked === person.id;
    const label = waiting ? `${person.name} answers next` : `Ask ${person.name} to answer next`;
    const ask = canAsk
      ? h(
          'button',
          { type: 'button', class: 'btn btn-ghost btn-icon btn-sm participant-ask has-tooltip', 'aria-disabled': waiting ? 'true' : null, 'aria-label': label, dataset: { testid: 'ask-next', focusKey: `ask-${person.id}`, tooltip: waiting ? 'Answers next' : 'Ask next' } },
          icon(waiting ? 'check' : 'atSign'),
        )
      : null;
    ask?.addEventListener('click', () => waiting || onAsk(person));
    const bar = h('span', { class: 'share-bar', 'aria-hidden': 'true' }, h('span', { class: 'share-bar-fill' }));
    bar.style.setProperty('--share', String(share));
    return h(
      'li',
      { class: 'participant', dataset: { testid: 'participant', id: person.id, turns: String(person.turns) } },
      personaAvatar(person, 'sm'),
      h(
        'div',
        { class: 'participant-main' },
        h('p', { class: 'participant-name' }, h('span', { text: person.name }), attitudeChip(person.attitude)),
        h(
          'p',
          { class: 'participant-stats' },
          bar,
          h('span', { dataset: { testid: 'participant-turns' }, text: `${plural(person.turns, 'turn')} · ${formatPercent(share)}` }),
          live && person.turns_on_question > 0 && h('span', { class: 'participant-on-question', dataset: { testid: 'on-question' } }, icon('check', 'icon badge-icon'), 'On this question'),
        ),
      ),
      ask,
    );
  }

  return {
    element: panel.element,
    update(session, state) {
      const people = session.participants;
      const total = people.reduce((sum, person) => sum + person.turns, 0);
      const onQuestion = people.filter((person) => person.turns_on_question > 0).length;
      panel.badge.hidden = !state.live;
      panel.badge.textContent = `${onQuestion} of ${people.length} on this question`;
      panel.render({ people, state }, () => h('ol', { class: 'participants' }, people.map((person) => row(person, total, state))));
    },
  };
}
