// Follows a session, live over the tab's socket (lib/live-socket.js, docs/realtime.md) when it is connected and by
// polling when it is not, so the page works the same with cohorta-ws down.
//   Live: the room is joined with the last seq shown. `turn.final` → new messages in seq order (a gap is read over
//   REST); `turn.delta` → the draft of the turn being written (replaced, dropped at its `turn.final`); the snapshots
//   (moderator.state, session.state, poll.opened, poll.result, themes.updated, cost.tick) → merged into the last
//   session object. Commands go over the socket.
//   Polling: every second while it runs, the session and then the messages after the last seq it has; every few
//   seconds while it is paused; never again once it has ended. The session is read before the messages, so the poll
//   that sees it ended also gets its last messages. Errors back off (1 s, 2 s, 4 s … 15 s) and are reported.
// The first read is always REST; the room is joined after it, so the catch-up carries only what came since.

import { liveSocket } from '../lib/live-socket.js';
import { getMessages, getSession, isEnded, MESSAGES_PAGE, resumeSession, sendCommand } from './session-api.js';

const LIVE_MS = 1000;
const PAUSED_MS = 3000;
const MAX_BACKOFF_MS = 15000;

/** A snapshot event → the session fields it replaces (null: not a snapshot). */
function snapshotFields(frame, session) {
  switch (frame.type) {
    case 'session.state': {
      const { status, control, task_id, end_reason, failure, report } = frame;
      return { status, control, task_id, end_reason, failure, report };
    }
    case 'moderator.state': {
      const stats = new Map((frame.participants ?? []).map((person) => [person.id, person]));
      const participants = session.participants.map((person) => ({ ...person, ...stats.get(person.id) }));
      return { control: frame.control, progress: { ...session.progress, ...frame.progress }, participants };
    }
    case 'themes.updated':
      return { themes: frame.themes };
    case 'cost.tick':
      return { cost: { ...session.cost, ...frame.cost } };
    case 'poll.opened':
      return { open_poll: { section: frame.section, ...frame.poll } };
    case 'poll.result': {
      const polls = (session.polls ?? []).filter((poll) => poll.id !== frame.poll.id);
      return { polls: [...polls, frame.poll], open_poll: session.open_poll?.id === frame.poll.id ? null : session.open_poll };
    }
    default:
      return null;
  }
}

/**
 * options: id, signal, onSession(session), onMessages(messages) (new ones, in seq order, never twice),
 * onDraft(draft | null) (the turn being written: {seq, speaker, persona_id, speaker_name, text}; live only),
 * onTrouble(error | null, delayMs) (a failed poll and when the next one is; null once a poll works again).
 * Returns { refresh() } to poll at once (e.g. after a command; nothing to do while live) and
 * { send(kind, {text, personaId}) } for commands and `resume` (over the socket when live, else REST).
 */
export function followSession({ id, signal, onSession, onMessages, onDraft, onTrouble }) {
  let session = null;
  let lastSeq = 0;
  let draft = null;
  let timer = 0;
  let errors = 0;
  let running = false;
  let again = false;
  let stopped = false;
  let leave = null;
  const live = () => liveSocket.isJoined(id);

  // ---- Both ways ---------------------------------------------------------------------------------------------
  function showMessages(messages) {
    const fresh = messages.filter((message) => message.seq > lastSeq);
    if (!fresh.length) return;
    lastSeq = fresh[fresh.length - 1].seq;
    if (draft && draft.seq <= lastSeq) setDraft(null);
    onMessages(fresh);
  }

  function showSession(next) {
    session = next;
    if (isEnded(session) || session.status === 'paused') setDraft(null);
    onSession(session);
  }

  function setDraft(next) {
    if (draft === next) return;
    draft = next;
    onDraft?.(next);
  }

  // ---- Polling -----------------------------------------------------------------------------------------------
  async function readMessages() {
    for (;;) {
      const page = await getMessages(id, lastSeq, { signal });
      showMessages(page.items);
      if (page.items.length < MESSAGES_PAGE) return;
    }
  }

  async function tick() {
    if (stopped || signal.aborted || live()) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    window.clearTimeout(timer);
    let delay;
    try {
      const next = await getSession(id, { signal });
      await readMessages();
      if (!live()) showSession(next); // a snapshot that came meanwhile is newer
      if (errors) onTrouble?.(null, 0);
      errors = 0;
      stopped = isEnded(next);
      delay = next.status === 'paused' ? PAUSED_MS : LIVE_MS;
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
    if (!leave && !stopped) leave = liveSocket.join(id, { afterSeq: () => lastSeq, onEvent });
    if (stopped || signal.aborted || live()) return;
    if (again) {
      again = false;
      delay = 0;
    }
    timer = window.setTimeout(tick, delay);
  }

  // ---- Live --------------------------------------------------------------------------------------------------
  function onEvent(frame) {
    if (signal.aborted) return;
    switch (frame.type) {
      case 'joined':
        window.clearTimeout(timer);
        if (errors) onTrouble?.(null, 0);
        errors = 0;
        return;
      case 'disconnected':
        setDraft(null);
        tick(); // back to polling, starting with what was missed
        return;
      case 'turn.final':
        if (frame.message.seq > lastSeq + 1) readMessages().catch(() => tick()); // a gap: read it, never skip it
        else showMessages([frame.message]);
        return;
      case 'turn.delta':
        if (frame.seq > lastSeq && frame.text) setDraft({ seq: frame.seq, speaker: frame.speaker, persona_id: frame.persona_id, speaker_name: frame.speaker_name, text: frame.text });
        return;
      default: {
        const fields = session && snapshotFields(frame, session);
        if (fields) showSession({ ...session, ...fields });
      }
    }
  }

  signal.addEventListener('abort', () => {
    window.clearTimeout(timer);
    leave?.();
  });
  tick();

  return {
    refresh() {
      stopped = false;
      tick();
    },
    /** kind: pause | cancel | interject | mention | take_over | hand_back | say | resume. */
    send(kind, { text, personaId } = {}) {
      if (!live()) return kind === 'resume' ? resumeSession(id) : sendCommand(id, kind, { text, personaId });
      const fields = { session_id: id };
      if (text !== undefined) fields.text = text;
      if (personaId) fields.persona_id = personaId;
      return liveSocket.command(kind, fields);
    },
  };
}
