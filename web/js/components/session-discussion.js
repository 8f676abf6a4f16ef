// The discussion panel: the transcript as a chat (the AI moderator, the researcher, and the personas with their
// avatar, name and attitude). New messages are appended as they arrive and read out politely (role=log); the view
// follows them unless the user scrolled up, when a "New messages" pill offers the way down. A turn the quality gate
// regenerated carries a marker whose tooltip gives the reasons. When the session has ended, every message offers
// "Fork from here". While a turn is being written (live only), its draft shows as a bubble after the last message whose
// text is replaced as it grows; it sits outside the log, so screen readers hear the message once, when it is final.

import { h, replaceChildren } from '../lib/dom.js';
import { formatDateTime, plural } from '../lib/format.js';
import { icon } from './icon.js';
import { personaAvatar } from './persona-avatar.js';
import { attitudeChip } from './persona-card.js';
import { speakerKind } from './session-api.js';

const NEAR_BOTTOM_PX = 48;
const HIGHLIGHT_MS = 2400;

export const messageAnchor = (seq) => `message-${seq}`;

/**
 * participants: the session's (for avatars and attitudes); onFork(message, trigger) when a message is forked.
 * Returns { element, append(messages), setDraft(draft|null), setForkable(bool), startAtTop(), setWaitingText(text),
 * setComposer(node|null), scrollToSeq(seq), messages() }.
 */
export function discussionPanel({ participants, onFork }) {
  const byId = new Map(participants.map((person) => [person.id, person]));
  const messages = [];
  let forkable = false;
  let unseen = 0;
  // Following the newest message is read from the scroll position at each change (a scroll event arrives a frame
  // late, after a draft may already have pulled the view back down); `catchingUp` covers the pill's smooth scroll.
  let catchingUp = false;

  const list = h('ol', { class: 'chat' });
  const log = h('div', { role: 'log', 'aria-live': 'off', 'aria-relevant': 'additions', 'aria-labelledby': 'discussion-heading', dataset: { testid: 'discussion' } }, list);
  const empty = h('p', { class: 'chat-empty', dataset: { testid: 'discussion-empty' } }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Waiting for the moderator to open the discussion…');
  const draftSlot = h('div', { class: 'chat-draft-slot', hidden: true });
  const scroller = h('div', { class: 'chat-scroll', tabindex: '0', 'aria-label': 'Transcript, scrollable', dataset: { testid: 'chat-scroll' } }, empty, log, draftSlot);
  const pill = h('button', { type: 'button', class: 'chat-pill', hidden: true, dataset: { testid: 'new-messages' } }, icon('arrowDown'), h('span'));
  const count = h('span', { class: 'badge', dataset: { testid: 'message-count' }, text: '0' });
  const composerSlot = h('div', { class: 'chat-composer' });
  const element = h(
    'section',
    { class: 'card session-panel discussion-panel', 'aria-labelledby': 'discussion-heading', dataset: { testid: 'discussion-panel' } },
    h('div', { class: 'card-header' }, h('h2', { id: 'discussion-heading', text: 'Discussion' }), count),
    h('div', { class: 'chat-frame' }, scroller, pill),
    composerSlot,
  );

  const nearBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_BOTTOM_PX;
  const scrollToBottom = (behavior = 'auto') => scroller.scrollTo({ top: scroller.scrollHeight, behavior });

  function showPill() {
    pill.hidden = unseen === 0;
    pill.lastElementChild.textContent = unseen === 1 ? '1 new message' : `${unseen} new messages`;
  }

  const following = () => catchingUp || nearBottom();

  scroller.addEventListener('scroll', () => {
    if (!nearBottom()) return;
    catchingUp = false;
    if (unseen) {
      unseen = 0;
      showPill();
    }
  });
  // The reader takes the wheel again: a smooth scroll down no longer decides where the view goes.
  for (const type of ['wheel', 'touchstart', 'keydown']) scroller.addEventListener(type, () => { catchingUp = false; }, { passive: true });
  pill.addEventListener('click', () => {
    unseen = 0;
    showPill();
    catchingUp = true;
    scrollToBottom('smooth');
    list.lastElementChild?.focus({ preventScroll: true });
  });

  /** The avatar and bubble of a message or a draft (`part`: the test id prefix): `extras` follow the speaker, `after` the text. */
  function bubble(message, { tag = 'li', class: className = '', dataset = {}, ...attributes }, { part = 'message', extras = [], after = null } = {}) {
    const kind = speakerKind(message);
    const person = byId.get(message.persona_id);
    return h(
      tag,
      { ...attributes, class: `chat-message chat-message--${kind} ${className}`.trim(), dataset: { speaker: kind, personaId: message.persona_id ?? undefined, ...dataset } },
      kind === 'persona' ? personaAvatar(person ?? { name: message.speaker_name }, 'sm') : h('span', { class: `chat-avatar chat-avatar--${kind}`, 'aria-hidden': 'true' }, icon(kind === 'moderator' ? 'mic' : 'user')),
      h(
        'div',
        { class: 'chat-bubble' },
        h(
          'p',
          { class: 'chat-meta' },
          h('span', { class: 'chat-speaker', dataset: { testid: `${part}-speaker` }, text: kind === 'human' ? 'You (researcher)' : message.speaker_name }),
          kind === 'moderator' && h('span', { class: 'chat-role', text: 'AI moderator' }),
          kind === 'persona' && attitudeChip(person?.attitude),
          ...extras,
        ),
        h('p', { class: 'chat-text', dataset: { testid: `${part}-text` }, text: message.text }),
        after,
      ),
    );
  }

  function item(message) {
    const regenerated = message.regenerations?.length > 0;
    const reasons = regenerated ? `Regenerated by the quality gate: ${message.regenerations.join('; ')}` : '';
    const fork = h('button', { type: 'button', class: 'btn btn-ghost btn-sm chat-fork', 'aria-label': `Fork from message ${message.seq}`, dataset: { testid: 'fork-message' } }, icon('branch'), h('span', { text: 'Fork from here' }));
    fork.addEventListener('click', () => onFork(message, fork));
    return bubble(
      message,
      { id: messageAnchor(message.seq), tabindex: '-1', dataset: { testid: 'message', seq: String(message.seq) } },
      {
        extras: [
          regenerated && h('span', { class: 'chat-regenerated has-tooltip', tabindex: '0', role: 'img', 'aria-label': reasons, dataset: { tooltip: reasons, testid: 'message-regenerated' } }, icon('refresh')),
          h('time', { class: 'chat-seq', datetime: message.created_at, title: formatDateTime(message.created_at), text: `#${message.seq}` }),
        ],
        after: forkable && fork,
      },
    );
  }

  return {
    element,
    /** Adds messages (new seqs only, in order). */
    append(fresh) {
      if (!fresh.length) return;
      const wasFollowing = !messages.length || following();
      const first = !messages.length;
      messages.push(...fresh);
      empty.hidden = true;
      list.append(...fresh.map(item));
      count.textContent = String(messages.length);
      count.setAttribute('aria-label', plural(messages.length, 'message'));
      // The history is in place: only messages from now on are read out.
      if (first) window.setTimeout(() => log.setAttribute('aria-live', 'polite'), 0);
      if (wasFollowing) scrollToBottom();
      else {
        unseen += fresh.length;
        showPill();
      }
    },
    /** Shows the turn being written (null: none). Its text is the whole draft so far. */
    setDraft(draft) {
      const wasFollowing = following();
      draftSlot.hidden = !draft;
      empty.hidden = Boolean(draft) || messages.length > 0;
      if (!draft) return draftSlot.replaceChildren();
      const current = draftSlot.firstElementChild;
      if (current?.dataset.seq === String(draft.seq) && current.dataset.speakerName === draft.speaker_name) {
        current.querySelector('.chat-text').textContent = draft.text;
      } else {
        const writing = h('span', { class: 'chat-writing', dataset: { testid: 'draft-writing' } }, h('span', { class: 'live-dot', 'aria-hidden': 'true' }), 'writing…');
        draftSlot.replaceChildren(bubble(draft, { tag: 'div', class: 'chat-draft', 'aria-hidden': 'true', dataset: { testid: 'draft', seq: String(draft.seq), speakerName: draft.speaker_name } }, { part: 'draft', extras: [writing] }));
      }
      if (wasFollowing) scrollToBottom();
    },
    /** Shows the "Fork from here" action on every message (the session has ended). */
    setForkable(value) {
      if (forkable === value) return;
      forkable = value;
      replaceChildren(list, messages.map(item));
    },
    /** The session has ended: the view opens at the start and stops following. */
    startAtTop() {
      catchingUp = false;
      scroller.scrollTop = 0;
    },
    setWaitingText(text) {
      if (empty.textContent !== text) empty.replaceChildren(text);
    },
    setComposer(node) {
      if (composerSlot.firstChild !== node) replaceChildren(composerSlot, node); // moving it would take the focus away
      composerSlot.hidden = !node;
    },
    /** Scrolls to a message and focuses it, briefly highlighted. */
    scrollToSeq(seq) {
      const target = document.getElementById(messageAnchor(seq));
      if (!target) return;
      target.scrollIntoView({ block: 'center', behavior: 'smooth' });
      target.focus({ preventScroll: true });
      target.classList.add('is-highlighted');
      window.setTimeout(() => target.classList.remove('is-highlighted'), HIGHLIGHT_MS);
    },
    messages: () => messages,
  };
}
