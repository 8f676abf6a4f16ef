// One focus group (/focus-groups/:id): the overview (objective, audience, participants linking to their personas,
// stimuli with image thumbnails, settings), its sessions, and the discussion guide (generate, view, edit, regenerate a
// section). "Start session" shows the cost preflight, then starts a run and opens its page.

import { h, replaceChildren } from '../lib/dom.js';
import { formatDateTime, formatNumber, plural } from '../lib/format.js';
import { navigate } from '../lib/router.js';
import { formatUsd, getFocusGroup, languageLabel, TIERS, turnTakingLabel } from '../components/focus-group-api.js';
import { deleteGroupFlow } from '../components/focus-group-delete.js';
import { guidePanel } from '../components/guide-panel.js';
import { icon } from '../components/icon.js';
import { focusPageHeading, loadErrorCard, notFoundCard } from '../components/page-states.js';
import { personaAvatar } from '../components/persona-avatar.js';
import { sessionList } from '../components/session-list.js';
import { startSessionFlow } from '../components/session-start.js';
import { followDescriptions, stimulusList } from '../components/stimuli.js';
import { createImageLoader } from '../components/stimulus-image.js';

export const title = 'Focus group';

const tierLabel = (value) => TIERS.find((tier) => tier.value === value)?.label.split(':')[0] ?? value;

export function render({ id, signal }) {
  const thumbnail = createImageLoader(signal);
  const body = h('div', {}, skeleton());
  const root = h('div', { class: 'focus-group-page', 'aria-busy': 'true' }, h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '/focus-groups', dataset: { testid: 'back-to-list' } }, icon('chevronLeft'), 'Focus Groups')), body);

  async function load() {
    root.setAttribute('aria-busy', 'true');
    let group;
    try {
      group = await getFocusGroup(id, { signal });
    } catch (error) {
      if (error.name === 'AbortError' || signal.aborted) return;
      replaceChildren(body, error.status === 404 ? notFoundCard({ iconName: 'groups', heading: 'Focus group not found', href: '/focus-groups', linkText: 'Back to Focus Groups' }) : loadErrorCard(error, load, 'This focus group could not be loaded'));
      document.title = `${error.status === 404 ? 'Focus group not found' : 'Focus group'} · Cohorta`;
      root.setAttribute('aria-busy', 'false');
      focusPageHeading();
      return;
    }
    root.setAttribute('aria-busy', 'false');
    show(group);
  }

  function show(group) {
    document.title = `${group.name} · Cohorta`;
    const stimuliBody = h('div', { class: 'card-body' });
    const renderStimuli = (stimuli) => replaceChildren(stimuliBody, stimulusList(stimuli, { thumbnail }) ?? h('p', { class: 'muted-note', text: 'No stimuli. The discussion runs on the guide’s questions alone.' }));
    renderStimuli(group.stimuli ?? []);
    followDescriptions({ groupId: group.id, stimuli: group.stimuli ?? [], signal, onUpdate: renderStimuli });

    const head = header(group);
    const guide = guidePanel({ group, signal, onChange: (changed) => head.setGroup(changed) });
    replaceChildren(
      body,
      h(
        'div',
        { class: 'fg-detail', dataset: { testid: 'fg-detail' } },
        head.element,
        h(
          'div',
          { class: 'fg-detail-top' },
          h('div', { class: 'fg-detail-main' }, overviewCard(group), sessionList({ groupId: group.id, signal }).element, infoCard('fg-stimuli-heading', 'Stimuli', stimuliBody, { testid: 'fg-stimuli', count: group.stimuli?.length ?? 0 })),
          h('aside', { class: 'fg-detail-side', 'aria-label': 'Participants and settings' }, participantsCard(group), settingsCard(group)),
        ),
        guide.element,
      ),
    );
    focusPageHeading();
  }

  /** The name, its facts line (kept current as the guide changes) and the actions. */
  function header(group) {
    let current = group;
    const edit = h('a', { class: 'btn btn-secondary', href: `/focus-groups/${encodeURIComponent(group.id)}/edit`, dataset: { testid: 'fg-edit' } }, icon('pencil'), 'Edit');
    const remove = h('button', { type: 'button', class: 'btn btn-secondary btn-danger-text', dataset: { testid: 'fg-delete' } }, icon('trash'), 'Delete');
    remove.addEventListener('click', () => confirmDelete(group, remove));
    const start = h('button', { type: 'button', class: 'btn btn-primary', dataset: { testid: 'fg-start' } }, icon('play'), 'Start session');
    start.addEventListener('click', () => startSessionFlow(current, start));
    const facts = h('p', { class: 'lede fg-header-facts' });
    const setFacts = (current) => {
      facts.textContent = [languageLabel(current.language), plural(current.participants?.length ?? current.participant_ids?.length ?? 0, 'participant'), `Updated ${formatDateTime(current.updated_at)}`].join(' · ');
    };
    setFacts(group);
    return {
      element: h('header', { class: 'page-header fg-header' }, h('div', { class: 'fg-header-text' }, h('h1', { dataset: { testid: 'fg-name' }, text: group.name }), facts), h('div', { class: 'page-actions' }, remove, edit, start)),
      setGroup: (changed) => {
        current = changed;
        setFacts(changed);
      },
    };
  }

  async function confirmDelete(group, trigger) {
    if (await deleteGroupFlow(group, trigger)) navigate('/focus-groups');
  }

  load();
  return root;
}

function overviewCard(group) {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'fg-overview-heading', dataset: { testid: 'fg-overview' } },
    h('div', { class: 'card-header' }, h('h2', { id: 'fg-overview-heading', text: 'Overview' })),
    h(
      'dl',
      { class: 'card-body fg-overview' },
      h('div', { class: 'fg-overview-item' }, h('dt', { class: 'eyebrow', text: 'Objective' }), h('dd', { dataset: { testid: 'fg-objective' }, text: group.objective })),
      h('div', { class: 'fg-overview-item' }, h('dt', { class: 'eyebrow', text: 'Audience' }), h('dd', { class: group.audience ? null : 'muted-note', text: group.audience || 'Not described.' })),
    ),
  );
}

function infoCard(id, heading, content, { testid, count } = {}) {
  return h(
    'section',
    { class: 'card fg-info-card', 'aria-labelledby': id, dataset: { testid } },
    h('div', { class: 'card-header' }, h('h2', { id, text: heading }), count !== undefined && h('span', { class: 'badge', text: formatNumber(count) })),
    content,
  );
}

function participantsCard(group) {
  const participants = group.participants ?? [];
  const missing = (group.participant_ids?.length ?? participants.length) - participants.length;
  return infoCard(
    'fg-participants-heading',
    'Participants',
    h(
      'div',
      { class: 'card-body' },
      h(
        'ol',
        { class: 'fg-participants', dataset: { testid: 'fg-participants' } },
        participants.map((person) => h('li', {}, h('a', { class: 'fg-participant', href: `/personas/${encodeURIComponent(person.id)}`, dataset: { testid: 'fg-participant' } }, personaAvatar(person, 'sm'), h('span', { dataset: { testid: 'fg-participant-name' }, text: person.name })))),
      ),
      missing > 0 && h('p', { class: 'muted-note fg-participants-missing', text: `${plural(missing, 'participant')} ${missing === 1 ? 'was' : 'were'} deleted from Synthetic Users.` }),
    ),
    { testid: 'fg-participants-card', count: participants.length },
  );
}

function settingsCard(group) {
  const settings = group.settings ?? {};
  const row = (label, value) => h('div', { class: 'fact' }, h('dt', { text: label }), h('dd', {}, h('span', { class: 'fact-value', text: value })));
  return infoCard(
    'fg-settings-heading',
    'Settings',
    h(
      'dl',
      { class: 'card-body facts facts--compact', dataset: { testid: 'fg-settings' } },
      row('Turn-taking', turnTakingLabel(settings.turn_taking)),
      row('Maximum turns', formatNumber(settings.max_turns ?? 0)),
      row('Spending cap', formatUsd(settings.usd_cap)),
      row('Moderator model', tierLabel(settings.moderator_tier)),
      row('Participant model', tierLabel(settings.persona_tier)),
    ),
    { testid: 'fg-settings-card' },
  );
}

function skeleton() {
  return h('div', { class: 'card card-body', 'aria-hidden': 'true' }, h('span', { class: 'skeleton skeleton-title' }), h('span', { class: 'skeleton skeleton-line' }));
}
