// The live moderator seat's buttons in the session header: Pause / Resume, Take over / Hand back and Cancel while the
// run goes on; Replay (free) when it has finished; "Compare with parent" for a fork. A command waits for the run's
// next turn: its button shows it is on the way ("Pausing…") until the session's status says it happened.

import { h } from '../lib/dom.js';
import { icon } from './icon.js';
import { focusPageHeading } from './page-states.js';
import { compareHref, isEnded, takesCommands } from './session-api.js';
import { keyedRenderer } from './session-panel.js';

// Where focus goes when the button that had it is gone (Pause became Resume …).
const COUNTERPARTS = { pause: 'resume', resume: 'pause', take_over: 'hand_back', hand_back: 'take_over' };

const PENDING_LABELS = { pause: 'Pausing…', resume: 'Resuming…', take_over: 'Taking over…', hand_back: 'Handing back…', cancel: 'Cancelling…', replay: 'Starting replay…' };

/** Has the session reached the state a command asked for? */
export function commandDone(kind, session) {
  switch (kind) {
    case 'pause':
      return session.status === 'paused' || isEnded(session);
    case 'resume':
      return session.status !== 'paused';
    case 'take_over':
      return session.control === 'human' || !takesCommands(session);
    case 'hand_back':
      return session.control === 'ai' || !takesCommands(session);
    case 'cancel':
      return isEnded(session);
    default:
      return true;
  }
}

/** actions: {pause, resume, take_over, hand_back, cancel, replay} → handlers(trigger). Returns { element, update(session, pending) }. */
export function sessionControls(actions) {
  const element = h('div', { class: 'page-actions session-controls', role: 'group', 'aria-label': 'Session controls' });
  const render = keyedRenderer(element);

  function button(kind, label, iconName, { variant = 'btn-secondary', pending }) {
    const busy = pending === kind;
    // aria-disabled (not disabled) while a command is on its way, so the button keeps the keyboard focus.
    const control = h(
      'button',
      { type: 'button', class: `btn ${variant}`, 'aria-disabled': pending ? 'true' : null, 'aria-busy': busy ? 'true' : null, dataset: { testid: `control-${kind.replace('_', '-')}`, focusKey: kind } },
      busy ? h('span', { class: 'spinner', 'aria-hidden': 'true' }) : icon(iconName),
      busy ? PENDING_LABELS[kind] : label,
    );
    control.addEventListener('click', () => pending || actions[kind](control));
    return control;
  }

  /** After a rebuild took the focused button away: its counterpart, else the first control, else the page's h1. */
  function keepFocus(key) {
    if (!key || element.contains(document.activeElement)) return;
    const target = element.querySelector(`[data-focus-key="${COUNTERPARTS[key]}"]`) ?? element.querySelector('button, a');
    if (target) target.focus();
    else focusPageHeading();
  }

  return {
    element,
    update(session, pending) {
      const focused = element.contains(document.activeElement) ? document.activeElement.dataset.focusKey : null;
      render({ status: session.status, control: session.control, pending, fork: session.fork }, () => {
        const options = { pending };
        const compare = session.fork && h('a', { class: 'btn btn-secondary', href: compareHref(session.fork.parent, session.id), dataset: { testid: 'compare-parent' } }, icon('columns'), 'Compare with parent');
        const cancel = () => button('cancel', 'Cancel', 'stop', { ...options, variant: 'btn-secondary btn-danger-text' });
        if (takesCommands(session)) {
          return [
            compare,
            cancel(),
            session.control === 'human' ? button('hand_back', 'Hand back to AI', 'sparkles', options) : button('take_over', 'Take over', 'mic', options),
            button('pause', 'Pause', 'pause', options),
          ];
        }
        if (session.status === 'paused') return [compare, cancel(), button('resume', 'Resume', 'play', { ...options, variant: 'btn-primary' })];
        return [compare, session.status === 'finished' && button('replay', 'Replay (free)', 'refresh', options)];
      });
      keepFocus(focused);
    },
  };
}
