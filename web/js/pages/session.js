// A focus group session (/sessions/:id), live: the discussion as it happens, with the researcher's seat (pause and
// resume, take over and hand back, cancel, interject or speak with @mentions, "Ask next"), the participants' speaking
// stats, guide progress, the cost meter, themes and poll results; once ended, the report, Replay and Fork from any
// message. The page follows the session live over the tab's socket, with a draft bubble for the turn being written,
// and polls while the socket is not connected (components/session-feed.js); commands go the same way.

import { h, replaceChildren } from '../lib/dom.js';
import { formatDateTime, plural } from '../lib/format.js';
import { navigate } from '../lib/router.js';
import { confirmDialog } from '../components/dialog.js';
import { icon } from '../components/icon.js';
import { mentionInput } from '../components/mention-input.js';
import { focusPageHeading, loadErrorCard, notFoundCard } from '../components/page-states.js';
import { getSession, isEnded, replaySession, sessionHref, statusBadge, takesCommands } from '../components/session-api.js';
import { commandDone, sessionControls } from '../components/session-controls.js';
import { costPanel } from '../components/session-cost.js';
import { discussionPanel } from '../components/session-discussion.js';
import { followSession } from '../components/session-feed.js';
import { openForkDialog } from '../components/session-fork.js';
import { guideProgressPanel } from '../components/session-guide-progress.js';
import { keyedRenderer } from '../components/session-panel.js';
import { participantsPanel } from '../components/session-participants.js';
import { pollsPanel } from '../components/session-polls.js';
import { openSessionExport } from '../components/export-scopes.js';
import { reportCard } from '../components/session-report.js';
import { themesPanel } from '../components/session-themes.js';
import { showToast } from '../components/toast.js';

export const title = 'Session';

const NOTES = {
  queued: 'Starting: waiting for a runner to pick up the session…',
  taken_over: 'You are moderating. The AI moderator waits while you lead: write below and the participants answer you. Hand back to let the AI go on from the right guide question.',
  paused: 'Paused. No AI calls are made and nothing is billed until you resume.',
};
const PENDING_NOTES = {
  pause: 'Pausing after the current turn…',
  resume: 'Resuming…',
  take_over: 'Taking over after the current turn…',
  hand_back: 'Handing back to the AI moderator…',
  cancel: 'Cancelling after the current turn; a partial report is written from what was said.',
};

export function render({ id, signal }) {
  const body = h('div', {}, h('div', { class: 'card card-body', 'aria-hidden': 'true' }, h('span', { class: 'skeleton skeleton-title' }), h('span', { class: 'skeleton skeleton-line' })));
  const root = h('div', { class: 'session-page', 'aria-busy': 'true' }, body);

  async function load() {
    let session;
    try {
      session = await getSession(id, { signal });
    } catch (error) {
      if (error.name === 'AbortError' || signal.aborted) return;
      showProblem(error);
      return;
    }
    root.setAttribute('aria-busy', 'false');
    show(session);
  }

  function showProblem(error) {
    root.setAttribute('aria-busy', 'false');
    replaceChildren(body, error.status === 404 ? notFoundCard({ iconName: 'groups', heading: 'Session not found', href: '/focus-groups', linkText: 'Back to Focus Groups' }) : loadErrorCard(error, load, 'This session could not be loaded'));
    document.title = `${error.status === 404 ? 'Session not found' : 'Session'} · Cohorta`;
    focusPageHeading();
  }

  function show(first) {
    let session = first;
    let pending = null; // {kind, since}: a command on its way
    let asked = null; // the persona asked to answer next
    let reportShown = false;
    const endedOnArrival = isEnded(first);

    const badge = h('span', { class: 'session-badge' });
    const facts = h('p', { class: 'lede session-facts' });
    const note = h('p', { class: 'session-note', role: 'status', dataset: { testid: 'session-note' } });
    const trouble = h('p', { class: 'alert alert-warning', role: 'status', hidden: true });
    const renderBadge = keyedRenderer(badge);
    const renderFacts = keyedRenderer(facts);
    const controls = sessionControls({ pause: (b) => command('pause', b), take_over: (b) => command('take_over', b), hand_back: (b) => command('hand_back', b), cancel: confirmCancel, resume, replay });

    const discussion = discussionPanel({ participants: first.participants, onFork: (message, trigger) => openForkDialog(session, message, trigger) });
    const composer = mentionInput({ participants: first.participants, onSend: say });
    const participants = participantsPanel({ onAsk: ask });
    const progress = guideProgressPanel();
    const cost = costPanel();
    const themes = themesPanel({ onQuote: (seq) => discussion.scrollToSeq(seq) });
    const polls = pollsPanel();
    const main = h('div', { class: 'session-main' }, discussion.element);
    const exportButton = h('button', { type: 'button', class: 'btn btn-secondary', dataset: { testid: 'export-session' } }, icon('arrowDown'), 'Export');
    exportButton.addEventListener('click', () => openSessionExport({ session, returnFocusTo: exportButton }));

    replaceChildren(
      body,
      h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: `/focus-groups/${encodeURIComponent(first.focus_group_id)}`, dataset: { testid: 'back-to-group' } }, icon('chevronLeft'), first.name)),
      h('header', { class: 'page-header session-header' }, h('div', { class: 'session-title' }, h('div', { class: 'session-title-row' }, h('h1', { dataset: { testid: 'session-name' }, text: first.name }), badge), facts), h('div', { class: 'session-header-actions' }, controls.element, exportButton)),
      note,
      trouble,
      h('div', { class: 'session-layout' }, main, h('div', { class: 'session-side', role: 'complementary', 'aria-label': 'Participants, progress, cost, themes and polls' }, participants.element, progress.element, cost.element, themes.element, polls.element)),
    );
    document.title = `${first.name} · Session · Cohorta`;
    focusPageHeading();

    function update(next) {
      const was = session;
      session = next;
      if (pending && (commandDone(pending.kind, session) || session.status !== was.status && isEnded(session))) pending = null;
      const ended = isEnded(session);
      renderBadge(session.status, () => statusBadge(session.status));
      renderFacts(session.fork, () => factsLine(session));
      controls.update(session, pending?.kind ?? null);
      const noteText = (pending && PENDING_NOTES[pending.kind]) || NOTES[session.status] || (session.status === 'failed' ? `The run failed${session.failure ? `: ${session.failure}` : '.'}` : '');
      if (note.textContent !== noteText) note.textContent = noteText; // a status region speaks on every change
      note.hidden = !noteText;
      note.dataset.status = session.status;

      if (!takesCommands(session)) asked = null;
      participants.update(session, { canAsk: takesCommands(session), asked, live: !ended });
      progress.update(session);
      cost.update(session);
      polls.update(session);
      themes.element.hidden = Boolean(session.report);
      themes.update(session);
      updateComposer(ended);
      discussion.setForkable(ended);
      if (!discussion.messages().length) discussion.setWaitingText(ended ? 'No messages were written.' : session.status === 'paused' ? 'Paused before the first message.' : 'Waiting for the moderator to open the discussion…');
      if (session.report && !reportShown) {
        reportShown = true;
        main.prepend(reportCard(session, { onQuote: (seq) => discussion.scrollToSeq(seq) }));
      }
      if (ended && !isEnded(was)) {
        const dismiss = showToast({
          kind: { failed: 'error', finished: 'success' }[session.status] ?? 'info',
          message: `The session ${session.status === 'finished' ? 'has finished: the report is ready' : `is ${session.status}`}.`,
          action: session.report ? { label: 'Read the report', href: '#report-heading' } : undefined,
        });
        signal.addEventListener('abort', dismiss, { once: true }); // its link is to this page
      }
    }

    function updateComposer(ended) {
      discussion.setComposer(ended ? null : composer.element);
      if (ended) return;
      const human = session.control === 'human';
      composer.setMode(
        session.status === 'paused'
          ? { label: 'Interject', hint: 'Resume the session to speak to the group.', sendLabel: 'Send' }
          : human
            ? { label: 'Speak as the moderator', hint: 'The participants answer you; the AI waits until you hand back. Type @ to pick who answers.', sendLabel: 'Send' }
            : { label: 'Interject', hint: 'The moderator takes up your message next. Type @ to pick who answers.', sendLabel: 'Interject' },
      );
      composer.setDisabled(!takesCommands(session));
    }

    function onMessages(messages) {
      const firstBatch = !discussion.messages().length;
      discussion.append(messages);
      if (firstBatch && endedOnArrival) discussion.startAtTop();
      if (asked && messages.some((message) => message.persona_id === asked)) asked = null;
      participants.update(session, { canAsk: takesCommands(session), asked, live: !isEnded(session) });
    }

    // ---- Commands --------------------------------------------------------------------------------------------
    async function command(kind, trigger, body = {}) {
      pending = { kind };
      update(session);
      try {
        await feed.send(kind, body);
      } catch (error) {
        pending = null;
        update(session);
        showToast({ kind: 'error', title: 'The session did not take the command', message: error.message });
        trigger?.focus();
        return;
      }
      feed.refresh();
    }

    async function confirmCancel(trigger) {
      const confirmed = await confirmDialog({
        title: 'Cancel this session?',
        message: 'The run stops after the current turn and a partial report is written from what was said so far. A cancelled session cannot be resumed.',
        confirmLabel: 'Cancel session',
        danger: true,
        returnFocusTo: trigger,
      });
      if (confirmed) command('cancel', trigger);
    }

    async function resume(trigger) {
      pending = { kind: 'resume' };
      update(session);
      try {
        await feed.send('resume');
      } catch (error) {
        pending = null;
        update(session);
        showToast({ kind: 'error', title: 'Could not resume', message: error.message });
        trigger.focus();
        return;
      }
      feed.refresh();
    }

    async function replay(trigger) {
      pending = { kind: 'replay' };
      update(session);
      try {
        const started = await replaySession(session.id);
        showToast({ kind: 'info', message: 'Replaying the session from its recorded calls: no tokens, no credits.' });
        navigate(sessionHref(started.session.id));
      } catch (error) {
        pending = null;
        update(session);
        showToast({ kind: 'error', title: 'Could not replay', message: error.message });
        trigger.focus();
      }
    }

    async function say({ text, personaId }) {
      await feed.send(session.control === 'human' ? 'say' : 'interject', { text, personaId });
      if (personaId) asked = personaId;
      showToast({ kind: 'success', message: 'Sent. It appears in the discussion after the current turn.', key: 'session-said' });
      feed.refresh();
    }

    async function ask(person) {
      const previous = asked;
      asked = person.id;
      participants.update(session, { canAsk: true, asked, live: true });
      try {
        await feed.send('mention', { personaId: person.id });
      } catch (error) {
        asked = previous;
        participants.update(session, { canAsk: takesCommands(session), asked, live: !isEnded(session) });
        showToast({ kind: 'error', title: `Could not ask ${person.name}`, message: error.message });
        return;
      }
      showToast({ kind: 'success', message: `${person.name} answers next.`, key: 'session-said' });
      feed.refresh();
    }

    const feed = followSession({
      id: first.id,
      signal,
      onSession: update,
      onMessages,
      onDraft: discussion.setDraft,
      onTrouble: (error, delay) => {
        if (error?.status === 404) return showProblem(error);
        trouble.hidden = !error;
        if (error) trouble.textContent = `Lost contact with the server (${error.message}) Retrying in ${Math.max(1, Math.round(delay / 1000))} s…`;
      },
    });
    update(first);
  }

  load();
  return root;
}

/** "Started Nov 24, 11:07 PM · 6 participants · Forked from an earlier session at message 6". */
function factsLine(session) {
  const origin = session.fork
    ? h('a', { href: sessionHref(session.fork.parent), dataset: { testid: 'fork-parent' }, text: `Forked from an earlier session at message ${session.fork.seq}` })
    : session.replay_of && h('a', { href: sessionHref(session.replay_of), text: 'Free replay of an earlier session' });
  return [`Started ${formatDateTime(session.created_at)} · ${plural(session.participants.length, 'participant')}`, origin && [' · ', origin]];
}
