// The progress of a durable task (lib/task-polling.js): its message, a percentage, a <progress> bar, a note while
// polling retries after an error, and a polite live region that announces each new message once (not every
// percentage), so screen readers are not flooded. Shared by the generation wizard and the discussion guide.

import { h, uniqueId } from '../lib/dom.js';
import { progressFraction } from '../lib/task-polling.js';

const QUEUED = 'Queued: waiting for a runner…';

/**
 * options: total (the bar's max until the task says), testid (prefix: "<testid>-progress", "-message", "-live"),
 * compact (a slimmer box, e.g. inside a guide section).
 * Returns { element, update(task), retrying(error, delayMs) }.
 */
export function taskProgress({ total = 1, testid = 'task', compact = false } = {}) {
  const labelId = uniqueId(`${testid}-progress-label`);
  const bar = h('progress', { class: 'gen-progress', max: String(total), value: '0', 'aria-labelledby': labelId, dataset: { testid: `${testid}-progress` } });
  const percent = h('span', { class: 'gen-progress-percent', 'aria-hidden': 'true', text: '0%' });
  const message = h('p', { id: labelId, class: 'gen-progress-message', dataset: { testid: `${testid}-progress-message` }, text: QUEUED });
  const live = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', dataset: { testid: `${testid}-progress-live` } });
  const retryNote = h('p', { class: 'gen-retry-note', hidden: true });
  const element = h('div', { class: compact ? 'gen-progress-box gen-progress-box--compact' : 'gen-progress-box' }, h('div', { class: 'gen-progress-row' }, message, percent), bar, retryNote, live);
  let lastAnnounced = '';

  return {
    element,
    update(task) {
      retryNote.hidden = true;
      const max = Number(task.progress?.total) || total;
      const done = Math.min(max, Number(task.progress?.done) || 0);
      bar.max = max;
      bar.value = done;
      percent.textContent = `${Math.round((progressFraction(task) ?? 0) * 100)}%`;
      const text = task.status === 'queued' ? QUEUED : task.progress?.message || 'Working…';
      message.textContent = text;
      if (text !== lastAnnounced) {
        lastAnnounced = text;
        live.textContent = `${text} (${done} of ${max} steps)`;
      }
    },
    retrying(error, delay) {
      retryNote.hidden = false;
      retryNote.textContent = `Lost contact with the server (${error.message}) Retrying in ${Math.round(delay / 1000)} s…`;
    },
    /** Announces a one-off state ("Cancelling…") in the live region. */
    announce(text) {
      live.textContent = text;
    },
  };
}
