// The focus group sessions API (docs/openapi.yaml, tag `sessions`): thin wrappers over api() plus the vocabulary the
// session screens share (status labels and badges, end reasons, who said a message).
//   Session JSON: {id, focus_group_id, name, status, control, participants, guide, progress, cost, themes, polls,
//                  report, end_reason, failure, fork, replay_of, created_at, finished_at …}

import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { formatUsd, plural } from '../lib/format.js';
import { icon } from './icon.js';

const groupPath = (id) => `/api/focus-groups/${encodeURIComponent(id)}`;
const sessionPath = (id) => `/api/sessions/${encodeURIComponent(id)}`;

export const sessionHref = (id) => `/sessions/${encodeURIComponent(id)}`;
export const compareHref = (id, other) => `${sessionHref(id)}/compare/${encodeURIComponent(other)}`;

/** At most this many messages per request (the API's limit). */
export const MESSAGES_PAGE = 200;
/** The longest interjection or rewritten message. */
export const TEXT_MAX = 2000;

// ---- Calls -----------------------------------------------------------------------------------------------------

/** The preflight: {calls {kind: n}, main, mini {prompt_tokens, completion_tokens}, cost_usd|null, credits, exceeds_cap}. */
export function estimateSession(groupId, { signal } = {}) {
  return api(`${groupPath(groupId)}/sessions/estimate`, { signal });
}

/** Starts a charged run → {session, task_id}. The caller explains a 402 itself. */
export function startSession(groupId) {
  return api(`${groupPath(groupId)}/sessions`, { method: 'POST', quotaEvent: false });
}

/** The group's sessions, newest first → {items}. */
export function listSessions(groupId, { signal } = {}) {
  return api(`${groupPath(groupId)}/sessions`, { signal });
}

export function getSession(id, { signal } = {}) {
  return api(sessionPath(id), { signal });
}

/** The transcript after `afterSeq` → {items, status, next_after_seq}. */
export function getMessages(id, afterSeq, { signal, limit = MESSAGES_PAGE } = {}) {
  return api(`${sessionPath(id)}/messages?after_seq=${afterSeq}&limit=${limit}`, { signal });
}

/** kind: pause | cancel | interject | mention | take_over | hand_back | say; `text` and `personaId` when it takes them. */
export function sendCommand(id, kind, { text, personaId } = {}) {
  const body = { kind };
  if (text !== undefined) body.text = text;
  if (personaId) body.persona_id = personaId;
  return api(`${sessionPath(id)}/commands`, { method: 'POST', body });
}

/** Goes on with a paused session → {session, task_id}. */
export function resumeSession(id) {
  return api(`${sessionPath(id)}/resume`, { method: 'POST' });
}

/** A new (charged) run from message `seq`, optionally rewritten → {session, task_id}. The caller explains a 402. */
export function forkSession(id, { seq, text }) {
  return api(`${sessionPath(id)}/fork`, { method: 'POST', body: text === undefined ? { seq } : { seq, text }, quotaEvent: false });
}

/** The same finished run again from the call ledger, free → {session, task_id}. */
export function replaySession(id) {
  return api(`${sessionPath(id)}/replay`, { method: 'POST' });
}

/** Two sessions side by side → {left, right}. */
export function compareSessions(id, other, { signal } = {}) {
  return api(`${sessionPath(id)}/compare/${encodeURIComponent(other)}`, { signal });
}

// ---- Vocabulary ------------------------------------------------------------------------------------------------

const ENDED = new Set(['finished', 'failed', 'cancelled']);

export const isEnded = (session) => ENDED.has(session?.status);
/** The run takes commands (pause, take over, interject …): queued, running or taken over. */
export const takesCommands = (session) => ['queued', 'running', 'taken_over'].includes(session?.status);

const STATUSES = {
  queued: { label: 'Starting', tone: 'badge-brand', iconName: 'clock' },
  running: { label: 'Live', tone: 'badge-live', iconName: null },
  taken_over: { label: 'You are moderating', tone: 'badge-warning', iconName: 'mic' },
  paused: { label: 'Paused', tone: 'badge-warning', iconName: 'pause' },
  finished: { label: 'Finished', tone: 'badge-success', iconName: 'check' },
  failed: { label: 'Failed', tone: 'badge-danger', iconName: 'error' },
  cancelled: { label: 'Cancelled', tone: '', iconName: 'stop' },
};

export function statusLabel(status) {
  return STATUSES[status]?.label ?? status;
}

/** The status as a badge; "Live" has a pulsing dot. */
export function statusBadge(status, testid = 'session-status') {
  const known = STATUSES[status] ?? { label: status, tone: '' };
  return h(
    'span',
    { class: `badge ${known.tone}`.trim(), dataset: { testid, status } },
    known.iconName ? icon(known.iconName, 'icon badge-icon') : h('span', { class: 'live-dot', 'aria-hidden': 'true' }),
    known.label,
  );
}

/** Why a session ended before the guide did, in a sentence; null when it ran to the end. */
export function endExplanation(session) {
  const { status, end_reason: reason, cost, progress } = session;
  if (status === 'cancelled') return 'You cancelled the session, so the discussion stopped early. The report covers what was said until then.';
  if (status === 'failed') return `The run failed${session.failure ? `: ${session.failure}` : '.'} The report covers what was said until then.`;
  if (reason === 'usd_cap') return `The run reached its ${formatUsd(cost.cap_usd)} spending cap, so it stopped early. The report covers the discussion up to that point.`;
  if (reason === 'max_turns') return `The run reached its limit of ${plural(progress.max_turns, 'turn')} before the guide was finished. The report covers the discussion up to that point.`;
  return null;
}

/** "Fork of an earlier run at message 6", "Replay of an earlier run", or null. */
export function lineageText(session) {
  if (session.fork) return `Fork at message ${session.fork.seq}`;
  if (session.replay_of) return 'Free replay';
  return null;
}

/** A message's speaker kind: 'moderator', 'human' (the researcher) or 'persona'. */
export function speakerKind(message) {
  if (message.speaker === 'moderator' || message.speaker === 'human') return message.speaker;
  return 'persona';
}
