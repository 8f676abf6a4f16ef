// The participants of a focus group: search the user's personas (GET /api/personas with q and folder_id), tick
// 3–12 of them, and order the chosen ones (the speaking-order preference). Shaped like a form field: { element,
// input, setError, clearError } so the API's `participant_ids` error lands on it, plus value() → ids.

import { h, uniqueId } from '../lib/dom.js';
import { formatNumber } from '../lib/format.js';
import { icon } from './icon.js';
import { folderTree, listFolders, listPersonas, NO_FOLDER } from './persona-api.js';
import { personaAvatar } from './persona-avatar.js';
import { PARTICIPANTS_MAX, PARTICIPANTS_MIN } from './focus-group-api.js';

const PER_PAGE = 20;
const SEARCH_DELAY_MS = 300;
const ANY_FOLDER = '';

const personaMeta = (persona) => [Number.isFinite(persona.age) ? String(persona.age) : null, persona.occupation || null].filter(Boolean).join(' · ');

/** chosen: [{id, name, avatar, …}] already taking part (edit), in order. signal: the page's. */
export function personaPicker({ chosen: initial = [], signal }) {
  const id = uniqueId('participants');
  let chosen = [...initial];
  let results = [];
  let total = 0;
  let page = 1;
  let request = null;
  let searchTimer = 0;
  signal.addEventListener('abort', () => {
    window.clearTimeout(searchTimer);
    request?.abort();
  });

  const search = h('input', { id: `${id}-search`, type: 'search', class: 'input search-input', placeholder: 'Search your personas', 'aria-label': 'Search your personas', autocomplete: 'off', enterkeyhint: 'search', dataset: { testid: 'picker-search' } });
  const folder = h('select', { class: 'input select', 'aria-label': 'Folder', dataset: { testid: 'picker-folder' } }, h('option', { value: ANY_FOLDER, text: 'All folders' }), h('option', { value: NO_FOLDER, text: 'No folder' }));
  const list = h('ul', { class: 'picker-results', 'aria-label': 'Personas', dataset: { testid: 'picker-results' } });
  const more = h('button', { type: 'button', class: 'btn btn-ghost btn-sm picker-more', hidden: true, dataset: { testid: 'picker-more' } }, icon('chevronDown'), 'Show more');
  const resultStatus = h('p', { class: 'picker-status', role: 'status', 'aria-live': 'polite' });
  const chosenList = h('ol', { class: 'picker-chosen-list', 'aria-label': 'Chosen participants', dataset: { testid: 'picker-chosen' } });
  const chosenEmpty = h('p', { class: 'picker-chosen-empty', text: `Tick ${PARTICIPANTS_MIN} to ${PARTICIPANTS_MAX} personas to take part.` });
  const count = h('span', { class: 'picker-count', dataset: { testid: 'picker-count' } });
  const live = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  const error = h('p', { id: `${id}-error`, class: 'field-error', hidden: true, dataset: { testid: 'participants-error' } });

  const element = h(
    'div',
    { class: 'field field--wide persona-picker', role: 'group', 'aria-labelledby': `${id}-label`, 'aria-describedby': `${id}-hint`, dataset: { field: 'participants' } },
    h('div', { class: 'field-label-row' }, h('span', { id: `${id}-label`, class: 'picker-label', text: `Choose ${PARTICIPANTS_MIN} to ${PARTICIPANTS_MAX} personas` }), count),
    h('p', { id: `${id}-hint`, class: 'field-hint', text: 'Search by name, or narrow to a folder. The order of the chosen ones is their speaking-order preference.' }),
    error,
    h(
      'div',
      { class: 'picker' },
      h(
        'div',
        { class: 'picker-pane picker-pane--search' },
        h('div', { class: 'picker-toolbar' }, h('div', { class: 'search-box' }, icon('search', 'icon search-icon'), search), h('div', { class: 'select-wrap select-wrap--compact' }, folder, icon('chevronDown', 'icon select-chevron'))),
        resultStatus,
        list,
        more,
      ),
      h('div', { class: 'picker-pane picker-pane--chosen' }, h('h3', { class: 'eyebrow', text: 'Taking part' }), chosenEmpty, chosenList),
    ),
    live,
  );

  const isChosen = (personaId) => chosen.some((persona) => persona.id === personaId);

  function toggle(persona, on) {
    if (on && !isChosen(persona.id) && chosen.length < PARTICIPANTS_MAX) chosen.push(persona);
    if (!on) chosen = chosen.filter((item) => item.id !== persona.id);
    clearError();
    live.textContent = `${on ? 'Added' : 'Removed'} ${persona.name}. ${formatNumber(chosen.length)} chosen.`;
    render();
  }

  function move(index, by) {
    const target = index + by;
    if (target < 0 || target >= chosen.length) return;
    [chosen[index], chosen[target]] = [chosen[target], chosen[index]];
    live.textContent = `${chosen[target].name} moved to position ${target + 1}.`;
    render();
    const button = chosenList.children[target]?.querySelector(by < 0 ? '[data-move="up"]' : '[data-move="down"]');
    (button && !button.disabled ? button : chosenList.children[target]?.querySelector('button:not(:disabled)'))?.focus();
  }

  function renderChosen() {
    chosenEmpty.hidden = chosen.length > 0;
    chosenList.replaceChildren(
      ...chosen.map((persona, index) => {
        const up = h('button', { type: 'button', class: 'btn btn-ghost btn-icon btn-sm', 'aria-label': `Move ${persona.name} up`, disabled: index === 0, dataset: { move: 'up' } }, icon('arrowUp'));
        const down = h('button', { type: 'button', class: 'btn btn-ghost btn-icon btn-sm', 'aria-label': `Move ${persona.name} down`, disabled: index === chosen.length - 1, dataset: { move: 'down' } }, icon('arrowDown'));
        const remove = h('button', { type: 'button', class: 'btn btn-ghost btn-icon btn-sm btn-danger-text', 'aria-label': `Remove ${persona.name}`, dataset: { testid: 'picker-remove' } }, icon('close'));
        up.addEventListener('click', () => move(index, -1));
        down.addEventListener('click', () => move(index, 1));
        remove.addEventListener('click', () => {
          toggle(persona, false);
          (chosenList.children[Math.min(index, chosen.length - 1)]?.querySelector('[data-testid="picker-remove"]') ?? search).focus();
        });
        return h(
          'li',
          { class: 'picker-chosen-item', dataset: { testid: 'picker-chosen-item', id: persona.id } },
          h('span', { class: 'picker-position', 'aria-hidden': 'true', text: String(index + 1) }),
          personaAvatar(persona, 'sm'),
          h('span', { class: 'picker-name' }, h('span', { text: persona.name }), personaMeta(persona) && h('span', { class: 'picker-meta', text: personaMeta(persona) })),
          h('span', { class: 'picker-actions' }, up, down, remove),
        );
      }),
    );
    count.textContent = `${formatNumber(chosen.length)} of ${PARTICIPANTS_MIN}–${PARTICIPANTS_MAX} chosen`;
    count.classList.toggle('is-short', chosen.length < PARTICIPANTS_MIN);
  }

  function renderResults() {
    const full = chosen.length >= PARTICIPANTS_MAX;
    list.replaceChildren(
      ...results.map((persona) => {
        const box = h('input', { type: 'checkbox', class: 'checkbox', dataset: { testid: 'picker-option-check' } });
        box.checked = isChosen(persona.id);
        box.disabled = full && !box.checked;
        box.addEventListener('change', () => toggle(persona, box.checked));
        return h(
          'li',
          { class: box.checked ? 'picker-option is-chosen' : 'picker-option', dataset: { testid: 'picker-option', id: persona.id, name: persona.name } },
          h('label', { class: 'picker-option-label', title: box.disabled ? `At most ${PARTICIPANTS_MAX} participants` : null }, box, personaAvatar(persona, 'sm'), h('span', { class: 'picker-name' }, h('span', { text: persona.name }), personaMeta(persona) && h('span', { class: 'picker-meta', text: personaMeta(persona) }))),
        );
      }),
    );
    more.hidden = results.length >= total;
  }

  function render() {
    const focusedId = list.contains(document.activeElement) ? document.activeElement.closest('[data-id]')?.dataset.id : null;
    renderChosen();
    renderResults();
    if (focusedId) list.querySelector(`[data-id="${CSS.escape(focusedId)}"] input`)?.focus();
  }

  async function load({ append = false } = {}) {
    request?.abort();
    const controller = new AbortController();
    request = controller;
    page = append ? page + 1 : 1;
    list.classList.add('is-loading');
    try {
      const answer = await listPersonas({ q: search.value.trim(), folder_id: folder.value, page, per_page: PER_PAGE }, { signal: controller.signal });
      if (request !== controller) return;
      results = append ? [...results, ...answer.items] : answer.items;
      total = answer.total;
      resultStatus.replaceChildren();
      if (!total) resultStatus.replaceChildren(...emptyText());
      else resultStatus.textContent = search.value.trim() || folder.value ? `${formatNumber(total)} ${total === 1 ? 'match' : 'matches'}` : '';
      renderResults();
    } catch (failure) {
      if (failure.name === 'AbortError' || signal.aborted) return;
      resultStatus.textContent = `Personas could not be loaded: ${failure.message}`;
    } finally {
      if (request === controller) list.classList.remove('is-loading');
    }
  }

  function emptyText() {
    if (search.value.trim() || folder.value) return ['No personas match.'];
    return ['You have no personas yet. ', h('a', { href: '/personas', text: 'Create or generate some in Synthetic Users' }), '.'];
  }

  search.addEventListener('input', () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => load(), SEARCH_DELAY_MS);
  });
  search.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault(); // not the surrounding form's submit
    window.clearTimeout(searchTimer);
    load();
  });
  folder.addEventListener('change', () => load());
  more.addEventListener('click', () => load({ append: true }));

  listFolders({ signal })
    .then((folders) => folder.append(...folderTree(folders).map(({ folder: item, depth }) => h('option', { value: item.id, text: `${'\u2003'.repeat(depth)}${item.name}` }))))
    .catch(() => {});

  function setError(message) {
    error.replaceChildren(icon('error'), h('span', { text: message }));
    error.hidden = false;
    element.classList.add('is-invalid');
    element.setAttribute('aria-describedby', `${id}-error ${id}-hint`);
  }

  function clearError() {
    error.hidden = true;
    element.classList.remove('is-invalid');
    element.setAttribute('aria-describedby', `${id}-hint`);
  }

  render();
  load();
  return {
    element,
    input: search,
    setError,
    clearError,
    value: () => chosen.map((persona) => persona.id),
    problem: () => (chosen.length < PARTICIPANTS_MIN ? `Choose at least ${PARTICIPANTS_MIN} participants (${chosen.length} chosen).` : null),
  };
}
