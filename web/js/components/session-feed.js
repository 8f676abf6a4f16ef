// Follows a session by polling (the WebSocket feed comes later): every second while it runs, the session (status,
// speaking stats, progress, cost, themes, polls) and then the messages after the last seq it has; every few seconds
// while it is paused; never again once it has ended. The session is read before the messages, so the poll that sees
// it ended also gets its last messages. Errors back off (1 s, 2 s, 4 s … 15 s) and are reported.

import { getMessages, getSession, isEnded, MESSAGES_PAGE } from './session-api.js';

const LIVE_MS = 1000;
const PAUSED_MS = 3000;
const MAX_BACKOFF_MS = 15000;

/**
 * options: id, signal, onSession(session), onMessages(messages) (new ones, in seq order, never twice),
 * onTrouble(error | null, delayMs) (a failed poll and when the next one is; null once a poll works again).
 * Returns { refresh() } to poll at once (e.g. after a command).
 */
export function followSession({ id, signal, onSession, onMessages, onTrouble }) {
  let lastSeq = 0;
  let timer = 0;
  let errors = 0;
  let running = false;
  let again = false;
  let stopped = false;
  signal.addEventListener('abort', () => window.clearTimeout(timer));

  async function readMessages() {
    for (;;) {
      const page = await getMessages(id, lastSeq, { signal });
      const fresh = page.items.filter((message) => message.seq > lastSeq);
      if (fresh.length) {
        lastSeq = fresh[fresh.length - 1].seq;
        onMessages(fresh);
      }
      if (page.items.length < MESSAGES_PAGE) return;
    }
  }

  async function tick() {
    if (stopped || signal.aborted) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    window.clearTimeout(timer);
    let delay;
    try {
      const session = await getSession(id, { signal });
      await readMessages();
      onSession(session);
      if (errors) onTrouble?.(null, 0);
      errors = 0;
      stopped = isEnded(session);
      delay = session.status === 'paused' ? PAUSED_MS : LIVE_MS;
    } catch (error) {
      if (signal.aborted || error.name === 'AbortError') return;
      errors += 1;
      const retryAfter = error.retryAfter ? error.retryAfter * 1000 : 0;
      delay = Math.max(retryAfter, Math.min(MAX_BACKOFF_MS, LIVE_MS * 2 ** (errors - 1)));
      onTrouble?.(error, delay);
      if ([401, 403, 404].includes(error.status)) stopped = true;
    } finally {
      running = false;
    }
    if (stopped || signal.aborted) return;
    if (again) {
      again = false;
      delay = 0;
    }
    timer = window.setTimeout(tick, delay);
  }

  tick();
  return {
    refresh() {
      stopped = false;
      tick();
    },
  };
}
