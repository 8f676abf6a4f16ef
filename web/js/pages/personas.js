// Synthetic Users: the folder tree, search and filters, the persona grid or list with paging, multi-select with
// bulk move and delete, "New persona" and the way in to panel generation.
// State lives in the URL (?folder=&q=&gender=&age_min=&age_max=&page=) so reload and links keep the view; the
// grid/list choice is remembered in localStorage.

import { h, replaceChildren } from '../lib/dom.js';
import { formatNumber, plural } from '../lib/format.js';
import { confirmDialog } from '../components/dialog.js';
import { openFolderDialog, openMoveDialog } from '../components/folder-dialogs.js';
import { ALL, createFolderTree } from '../components/folder-tree.js';
import { rememberListPath } from '../components/persona-list-path.js';
import { bulkDeletePersonas, deleteFolder, GENDERS, listFolders, listPersonas, NO_FOLDER } from '../components/persona-api.js';
import { personaCard, personaRow, personaTable } from '../components/persona-card.js';
import { openNewPersonaDialog } from '../components/persona-form-dialog.js';
import { openGenerateDialog } from '../components/persona-generate-dialog.js';
import { emptyCard, retryButton } from '../components/page-states.js';
import { openPersonaExport } from '../components/export-scopes.js';
import { icon } from '../components/icon.js';
import { navigate } from '../lib/router.js';
import { showToast } from '../components/toast.js';

export const title = 'Synthetic Users';

const PER_PAGE = 24;
const SEARCH_DELAY_MS = 300;
const VIEW_KEY = 'cohorta.personas.view';


function storedView() {
  try {
    return localStorage.getItem(VIEW_KEY) === 'list' ? 'list' : 'grid';
  } catch {
    return 'grid';
  }
}

function storeView(view) {
  try {
    localStorage.setItem(VIEW_KEY, view);
  } catch {
    // Storage unavailable: the choice lasts for this page only.
  }
}

function wholeNumber(value) {
  const number = Number.parseInt(value ?? '', 10);
  return Number.isFinite(number) && number >= 0 ? number : null;
}

export function render({ params, signal }) {
  const state = {
    folder: params.get('folder') || ALL,
    q: params.get('q') ?? '',
    gender: GENDERS.some((gender) => gender.value === params.get('gender')) ? params.get('gender') : '',
    ageMin: wholeNumber(params.get('age_min')),
    ageMax: wholeNumber(params.get('age_max')),
    page: Math.max(1, wholeNumber(params.get('page')) ?? 1),
    view: storedView(),
    selected: new Set(),
  };
  let folders = [];
  let totals = { all: null, none: null };
  let personas = [];
  let total = 0;
  let loaded = false;
  let request = null; // AbortController of the persona list request in flight
  let searchTimer = 0;
  signal.addEventListener('abort', () => {
    window.clearTimeout(searchTimer);
    request?.abort();
  });

  // ---- Header --------------------------------------------------------------------------------
  const newPersona = h('button', { type: 'button', class: 'btn btn-secondary', dataset: { testid: 'new-persona' } }, icon('userPlus'), 'New persona');
  const generate = h('button', { type: 'button', class: 'btn btn-primary', dataset: { testid: 'generate-panel' } }, icon('sparkles'), 'Generate a panel');
  newPersona.addEventListener('click', () => createPersonaFlow(newPersona));
  generate.addEventListener('click', () => openGenerateDialog({ returnFocusTo: generate }));
  const exportButton = h('button', { type: 'button', class: 'btn btn-secondary', dataset: { testid: 'export-personas' } }, icon('arrowDown'), 'Export');
  exportButton.addEventListener('click', () => {
    const folder = folders.find((candidate) => candidate.id === state.folder);
    openPersonaExport({ selected: [...state.selected], folder: folder ? { id: folder.id, name: folder.name } : null, returnFocusTo: exportButton });
  });

  // ---- Folders ---------------------------------------------------------------------------------
  const tree = createFolderTree({
    onSelect: (key) => {
      closeFolderPanel();
      if (key === state.folder) return;
      state.folder = key;
      state.page = 1;
      state.selected.clear();
      renderFolders();
      loadPersonas();
    },
    onCreate: async (trigger) => {
      const created = await openFolderDialog({ folders, parentId: folders.some((folder) => folder.id === state.folder) ? state.folder : null, returnFocusTo: trigger });
      if (!created) return;
      showToast({ kind: 'success', message: `Created folder “${created.name}”.` });
      await loadFolders();
    },
    onRename: async (folder, trigger) => {
      const renamed = await openFolderDialog({ folder, folders, returnFocusTo: trigger });
      if (!renamed) return;
      showToast({ kind: 'success', message: `Renamed the folder to “${renamed.name}”.` });
      await loadFolders();
      renderResults();
    },
    onDelete: async (folder, trigger) => {
      const count = folder.persona_count ?? 0;
      const confirmed = await confirmDialog({
        title: `Delete folder “${folder.name}”?`,
        message: count ? `The folder is removed. Its ${plural(count, 'persona')} ${count === 1 ? 'is' : 'are'} kept and moved to No folder.` : 'The folder is empty. Nothing else changes.',
        confirmLabel: 'Delete folder',
        danger: true,
        returnFocusTo: trigger,
      });
      if (!confirmed) return;
      try {
        await deleteFolder(folder.id);
      } catch (error) {
        if (error.status !== 404) {
          showToast({ kind: 'error', title: 'Could not delete the folder', message: error.message });
          return;
        }
      }
      showToast({ kind: 'success', message: `Deleted folder “${folder.name}”.` });
      if (state.folder === folder.id) {
        state.folder = ALL;
        state.page = 1;
        state.selected.clear();
      }
      await refresh();
      tree.element.querySelector('[data-testid="new-folder"]')?.focus();
    },
  });
  tree.element.id = 'folder-panel';
  const folderToggleLabel = h('span', { class: 'folder-toggle-label' });
  const folderToggle = h(
    'button',
    { type: 'button', class: 'btn btn-secondary folder-toggle', 'aria-expanded': 'false', 'aria-controls': 'folder-panel', dataset: { testid: 'folder-toggle' } },
    icon('folder'),
    h('span', { class: 'visually-hidden', text: 'Folder: ' }),
    folderToggleLabel,
    icon('chevronDown', 'icon folder-toggle-chevron'),
  );
  folderToggle.addEventListener('click', () => {
    const open = folderToggle.getAttribute('aria-expanded') !== 'true';
    folderToggle.setAttribute('aria-expanded', String(open));
    folderColumn.classList.toggle('is-open', open);
  });
  const folderColumn = h('div', { class: 'folder-column' }, folderToggle, tree.element);
  folderColumn.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !folderColumn.classList.contains('is-open')) return;
    closeFolderPanel();
    folderToggle.focus();
  });
  function closeFolderPanel() {
    folderToggle.setAttribute('aria-expanded', 'false');
    folderColumn.classList.remove('is-open');
  }

  // ---- Toolbar ---------------------------------------------------------------------------------
  const search = h('input', {
    type: 'search',
    class: 'input search-input',
    placeholder: 'Search personas',
    'aria-label': 'Search personas',
    autocomplete: 'off',
    enterkeyhint: 'search',
    dataset: { testid: 'persona-search' },
  });
  search.value = state.q;
  const gender = h(
    'select',
    { class: 'input select', 'aria-label': 'Gender', dataset: { testid: 'filter-gender' } },
    h('option', { value: '', text: 'Any gender' }),
    GENDERS.map((option) => h('option', { value: option.value, text: option.label })),
  );
  gender.value = state.gender;
  const ageMin = h('input', { type: 'number', class: 'input age-input', min: 0, max: 120, inputmode: 'numeric', placeholder: 'Min', 'aria-label': 'Minimum age', dataset: { testid: 'filter-age-min' } });
  const ageMax = h('input', { type: 'number', class: 'input age-input', min: 0, max: 120, inputmode: 'numeric', placeholder: 'Max', 'aria-label': 'Maximum age', dataset: { testid: 'filter-age-max' } });
  ageMin.value = state.ageMin ?? '';
  ageMax.value = state.ageMax ?? '';
  const clearFilters = h('button', { type: 'button', class: 'btn btn-ghost btn-sm clear-filters', dataset: { testid: 'clear-filters' } }, icon('close'), 'Clear filters');
  const gridButton = h('button', { type: 'button', class: 'view-button', 'aria-label': 'Grid view', dataset: { testid: 'view-grid' } }, icon('grid'));
  const listButton = h('button', { type: 'button', class: 'view-button', 'aria-label': 'List view', dataset: { testid: 'view-list' } }, icon('list'));

  const toolbar = h(
    'div',
    { class: 'persona-toolbar', role: 'search', 'aria-label': 'Find personas' },
    h('div', { class: 'search-box' }, icon('search', 'icon search-icon'), search),
    h(
      'div',
      { class: 'toolbar-filters' },
      h('div', { class: 'select-wrap select-wrap--compact' }, gender, icon('chevronDown', 'icon select-chevron')),
      h('div', { class: 'age-range', role: 'group', 'aria-labelledby': 'age-range-label' }, h('span', { id: 'age-range-label', class: 'age-range-label', text: 'Age' }), ageMin, h('span', { 'aria-hidden': 'true', text: '–' }), ageMax),
    ),
    h('div', { class: 'view-toggle', role: 'group', 'aria-label': 'Layout' }, gridButton, listButton),
  );

  function filtersActive() {
    return Boolean(state.q || state.gender || state.ageMin !== null || state.ageMax !== null);
  }

  function onFilterChange({ debounce = false } = {}) {
    window.clearTimeout(searchTimer);
    const apply = () => {
      state.q = search.value.trim();
      state.gender = gender.value;
      state.ageMin = wholeNumber(ageMin.value);
      state.ageMax = wholeNumber(ageMax.value);
      state.page = 1;
      state.selected.clear();
      loadPersonas();
    };
    if (debounce) searchTimer = window.setTimeout(apply, SEARCH_DELAY_MS);
    else apply();
  }

  search.addEventListener('input', () => onFilterChange({ debounce: true }));
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') onFilterChange();
  });
  gender.addEventListener('change', () => onFilterChange());
  for (const input of [ageMin, ageMax]) {
    input.addEventListener('input', () => onFilterChange({ debounce: true }));
  }
  clearFilters.addEventListener('click', () => {
    search.value = '';
    gender.value = '';
    ageMin.value = '';
    ageMax.value = '';
    onFilterChange();
    search.focus();
  });
  for (const [button, view] of [[gridButton, 'grid'], [listButton, 'list']]) {
    button.addEventListener('click', () => {
      if (state.view === view) return;
      state.view = view;
      storeView(view);
      renderResults();
    });
  }

  // ---- Results ---------------------------------------------------------------------------------
  const resultsHeading = h('h2', { id: 'results-heading', class: 'results-title', tabindex: '-1' });
  const resultCount = h('p', { class: 'result-count', role: 'status', 'aria-live': 'polite', dataset: { testid: 'result-count' } });
  const selectAll = h('input', { type: 'checkbox', class: 'checkbox', id: 'select-all-personas', dataset: { testid: 'select-all' } });
  const selectAllLabel = h('label', { class: 'select-all', for: 'select-all-personas' }, selectAll, h('span', { text: 'Select all' }));
  selectAll.addEventListener('change', () => toggleAll(selectAll.checked));

  const selectionCount = h('span', { class: 'bulk-count', dataset: { testid: 'selection-count' } });
  const bulkMove = h('button', { type: 'button', class: 'btn btn-secondary btn-sm', 'aria-label': 'Move to folder', dataset: { testid: 'bulk-move' } }, icon('folderMove'), 'Move', h('span', { class: 'hide-narrow', text: ' to folder' }));
  const bulkDelete = h('button', { type: 'button', class: 'btn btn-secondary btn-sm btn-danger-text', dataset: { testid: 'bulk-delete' } }, icon('trash'), 'Delete');
  const bulkClear = h('button', { type: 'button', class: 'btn btn-ghost btn-sm bulk-clear', 'aria-label': 'Clear selection', dataset: { testid: 'bulk-clear' } }, icon('close'), h('span', { class: 'hide-narrow', text: 'Clear' }));
  const bulkBar = h(
    'div',
    { class: 'bulk-bar', role: 'region', 'aria-label': 'Selected personas', hidden: true, dataset: { testid: 'bulk-bar' } },
    selectionCount,
    h('div', { class: 'bulk-actions' }, bulkMove, bulkDelete, bulkClear),
  );
  bulkMove.addEventListener('click', () => moveSelected(bulkMove));
  bulkDelete.addEventListener('click', () => deleteSelected(bulkDelete));
  bulkClear.addEventListener('click', () => {
    state.selected.clear();
    renderResults();
    selectAll.focus();
  });

  const resultsBar = h('div', { class: 'results-bar' }, h('div', { class: 'results-heading' }, resultsHeading, resultCount, clearFilters), selectAllLabel);
  const results = h('div', { class: 'persona-results' }, skeletonGrid());
  const pagerSummary = h('p', { class: 'pager-summary' });
  const previous = h('button', { type: 'button', class: 'btn btn-secondary btn-sm', dataset: { testid: 'page-previous' } }, icon('chevronLeft'), 'Previous');
  const next = h('button', { type: 'button', class: 'btn btn-secondary btn-sm', dataset: { testid: 'page-next' } }, 'Next', icon('chevronRight'));
  const pager = h('nav', { class: 'persona-pager', 'aria-label': 'Persona pages', hidden: true }, pagerSummary, h('div', { class: 'pager' }, previous, next));
  previous.addEventListener('click', () => goToPage(state.page - 1));
  next.addEventListener('click', () => goToPage(state.page + 1));

  const resultsSection = h(
    'section',
    { class: 'persona-main', 'aria-labelledby': 'results-heading', 'aria-busy': 'true' },
    toolbar,
    resultsBar,
    bulkBar,
    results,
    pager,
  );

  const element = h(
    'div',
    { class: 'personas-page' },
    h(
      'header',
      { class: 'page-header' },
      h('div', {}, h('h1', { text: 'Synthetic Users' }), h('p', { class: 'lede', text: 'The AI personas that take part in your focus groups.' })),
      h('div', { class: 'page-actions' }, exportButton, newPersona, generate),
    ),
    h('div', { class: 'personas-layout' }, folderColumn, resultsSection),
  );

  // ---- Data ------------------------------------------------------------------------------------
  function folderLabel(key = state.folder) {
    if (key === ALL) return 'All personas';
    if (key === NO_FOLDER) return 'No folder';
    return folders.find((folder) => folder.id === key)?.name ?? 'Folder';
  }

  function renderFolders() {
    tree.update({ folders, selected: state.folder, totals });
    folderToggleLabel.textContent = folderLabel();
    resultsHeading.textContent = folderLabel();
  }

  async function loadFolders() {
    try {
      const [list, all, none] = await Promise.all([
        listFolders({ signal }),
        listPersonas({ per_page: 1 }, { signal }),
        listPersonas({ folder_id: NO_FOLDER, per_page: 1 }, { signal }),
      ]);
      folders = list;
      totals = { all: all.total, none: none.total };
    } catch (error) {
      if (error.name === 'AbortError' || signal.aborted) return;
      showToast({ kind: 'error', title: 'Folders could not be loaded', message: error.message, key: 'folders' });
    }
    if (state.folder !== ALL && state.folder !== NO_FOLDER && !folders.some((folder) => folder.id === state.folder)) {
      state.folder = ALL;
      state.page = 1;
      loadPersonas();
    }
    renderFolders();
  }

  function syncUrl() {
    if (signal.aborted || window.location.pathname !== '/personas') return;
    const query = new URLSearchParams();
    if (state.folder !== ALL) query.set('folder', state.folder);
    if (state.q) query.set('q', state.q);
    if (state.gender) query.set('gender', state.gender);
    if (state.ageMin !== null) query.set('age_min', String(state.ageMin));
    if (state.ageMax !== null) query.set('age_max', String(state.ageMax));
    if (state.page > 1) query.set('page', String(state.page));
    const search = query.toString();
    const target = `/personas${search ? `?${search}` : ''}`;
    if (target !== window.location.pathname + window.location.search) window.history.replaceState(null, '', target);
    rememberListPath(target);
  }

  async function loadPersonas({ focusResults = false } = {}) {
    request?.abort();
    const controller = new AbortController();
    request = controller;
    syncUrl();
    resultsSection.setAttribute('aria-busy', 'true');
    results.classList.add('is-loading');
    try {
      const answer = await listPersonas(
        {
          q: state.q,
          folder_id: state.folder === ALL ? null : state.folder,
          gender: state.gender,
          age_min: state.ageMin,
          age_max: state.ageMax,
          page: state.page,
          per_page: PER_PAGE,
        },
        { signal: controller.signal },
      );
      if (controller.signal.aborted) return;
      const pages = Math.max(1, Math.ceil(answer.total / PER_PAGE));
      if (!answer.items.length && answer.total > 0 && state.page > pages) {
        state.page = pages;
        loadPersonas({ focusResults });
        return;
      }
      personas = answer.items;
      total = answer.total;
      loaded = true;
      renderResults();
      if (focusResults) focusList();
    } catch (error) {
      if (error.name === 'AbortError' || controller.signal.aborted || signal.aborted) return;
      replaceChildren(results, loadError(error, () => loadPersonas()));
      resultCount.textContent = '';
      pager.hidden = true;
    } finally {
      if (request === controller) {
        resultsSection.setAttribute('aria-busy', 'false');
        results.classList.remove('is-loading');
      }
    }
  }

  async function refresh() {
    await Promise.all([loadFolders(), loadPersonas()]);
  }

  /** After a change to the list: focus its heading, or the first action of the empty state that replaced it. */
  function focusList() {
    if (!resultsBar.hidden) resultsHeading.focus();
    else results.querySelector('button, a')?.focus();
  }

  function goToPage(page) {
    state.page = page;
    state.selected.clear();
    loadPersonas({ focusResults: true });
  }

  // ---- Rendering -------------------------------------------------------------------------------
  function folderNameOf(persona) {
    if (state.folder !== ALL || !persona.folder_id) return null;
    return folders.find((folder) => folder.id === persona.folder_id)?.name ?? null;
  }

  function selectionState() {
    const onPage = personas.filter((persona) => state.selected.has(persona.id)).length;
    if (!onPage) return 'none';
    return onPage === personas.length ? 'all' : 'some';
  }

  function onToggle(id, checked) {
    if (checked) state.selected.add(id);
    else state.selected.delete(id);
    for (const item of results.querySelectorAll(`[data-id="${CSS.escape(id)}"]`)) item.classList.toggle('is-selected', checked);
    renderSelection();
  }

  function toggleAll(checked) {
    for (const persona of personas) {
      if (checked) state.selected.add(persona.id);
      else state.selected.delete(persona.id);
    }
    renderResults();
  }

  function renderSelection() {
    const count = state.selected.size;
    bulkBar.hidden = count === 0;
    replaceChildren(selectionCount, formatNumber(count), h('span', { class: 'hide-narrow', text: count === 1 ? ' persona' : ' personas' }), ' selected');
    const all = selectionState();
    selectAll.checked = all === 'all';
    selectAll.indeterminate = all === 'some';
    const header = results.querySelector('[data-testid="select-all-rows"]');
    if (header) {
      header.checked = all === 'all';
      header.indeterminate = all === 'some';
    }
  }

  function countText() {
    if (!total) return filtersActive() ? 'No matches' : '';
    const noun = plural(total, 'persona');
    if (state.q) return `${noun} matching “${state.q}”`;
    return filtersActive() ? `${noun} match the filters` : noun;
  }

  function renderResults() {
    if (!loaded) return;
    gridButton.setAttribute('aria-pressed', String(state.view === 'grid'));
    listButton.setAttribute('aria-pressed', String(state.view === 'list'));
    clearFilters.hidden = !filtersActive();
    // An account with no personas at all gets the empty state alone: there is nothing to search or select.
    const nothingYet = !personas.length && !total && state.folder === ALL && !filtersActive() && state.page === 1;
    toolbar.hidden = nothingYet;
    resultsBar.hidden = nothingYet;
    resultCount.textContent = countText();
    selectAllLabel.hidden = personas.length === 0 || state.view === 'list'; // the table has its own

    // Keep focus on the same persona control when the view is rebuilt (selection, view switch).
    const focused = document.activeElement;
    const focusedId = results.contains(focused) ? focused.closest('[data-id]')?.dataset.id : null;
    const focusedTestid = focused?.dataset?.testid;

    if (!personas.length) replaceChildren(results, emptyState());
    else if (state.view === 'list') {
      replaceChildren(
        results,
        h(
          'div',
          { class: 'card persona-list' },
          personaTable(
            personas.map((persona) => personaRow(persona, { selected: state.selected.has(persona.id), onToggle, folderName: folderNameOf(persona), showFolder: state.folder === ALL })),
            { allState: selectionState(), onToggleAll: toggleAll, showFolder: state.folder === ALL },
          ),
        ),
      );
    } else {
      replaceChildren(
        results,
        h('ul', { class: 'persona-grid', 'aria-label': 'Personas' }, personas.map((persona) => personaCard(persona, { selected: state.selected.has(persona.id), onToggle, folderName: folderNameOf(persona) }))),
      );
    }
    if (focusedId) results.querySelector(`[data-id="${CSS.escape(focusedId)}"] [data-testid="${focusedTestid}"]`)?.focus();

    const pages = Math.max(1, Math.ceil(total / PER_PAGE));
    pager.hidden = total <= PER_PAGE;
    const first = (state.page - 1) * PER_PAGE + 1;
    pagerSummary.textContent = `${formatNumber(first)}–${formatNumber(first + personas.length - 1)} of ${formatNumber(total)} · Page ${state.page} of ${pages}`;
    previous.disabled = state.page <= 1;
    next.disabled = state.page >= pages;
    renderSelection();
  }

  function emptyState() {
    const action = (label, iconName, onClick, variant = 'btn-secondary', testid) => {
      const button = h('button', { type: 'button', class: `btn ${variant}`, dataset: testid ? { testid } : undefined }, icon(iconName), label);
      button.addEventListener('click', () => onClick(button));
      return button;
    };
    if (filtersActive()) {
      return emptyCard({
        iconName: 'search',
        heading: 'No personas match',
        text: state.q ? `Nothing in ${folderLabel()} matches “${state.q}” with these filters.` : `Nothing in ${folderLabel()} matches these filters.`,
        actions: [action('Clear filters', 'close', () => clearFilters.click())],
        testid: 'persona-empty-filtered',
        level: 'h3',
      });
    }
    if (state.folder !== ALL) {
      return emptyCard({
        iconName: state.folder === NO_FOLDER ? 'inbox' : 'folder',
        heading: state.folder === NO_FOLDER ? 'Every persona is in a folder' : 'This folder is empty',
        text: state.folder === NO_FOLDER ? 'Personas you create or generate without a folder appear here.' : 'Select personas in All personas, then use Move to folder to bring them here.',
        actions: [action('Show all personas', 'users', () => tree.element.querySelector('[data-testid="folder-all"]')?.click())],
        testid: 'persona-empty-filtered',
        level: 'h3',
      });
    }
    return emptyCard({
      iconName: 'sparkles',
      heading: 'Build your first panel',
      text: 'Describe your audience and Cohorta generates a diverse panel of synthetic users, each with a bio, values, frustrations and habits. Or create one by hand.',
      actions: [action('Generate a panel', 'sparkles', (button) => openGenerateDialog({ returnFocusTo: button }), 'btn-primary', 'empty-generate'), action('New persona', 'userPlus', (button) => createPersonaFlow(button))],
      testid: 'persona-empty',
      level: 'h3',
    });
  }

  // ---- Actions ---------------------------------------------------------------------------------
  async function createPersonaFlow(trigger) {
    const folderId = folders.some((folder) => folder.id === state.folder) ? state.folder : null;
    const created = await openNewPersonaDialog({ folders, folderId, returnFocusTo: trigger });
    if (!created) return;
    showToast({ kind: 'success', message: `Created ${created.name}.` });
    navigate(`/personas/${encodeURIComponent(created.id)}`);
  }

  async function moveSelected(trigger) {
    const ids = [...state.selected];
    const moved = await openMoveDialog({ ids, folders, currentFolder: state.folder, returnFocusTo: trigger });
    if (!moved) return;
    const where = moved.folderId ? `“${folders.find((folder) => folder.id === moved.folderId)?.name ?? 'the folder'}”` : 'No folder';
    showToast({ kind: 'success', message: `Moved ${plural(ids.length, 'persona')} to ${where}.` });
    state.selected.clear();
    await refresh();
    focusList();
  }

  async function deleteSelected(trigger) {
    const ids = [...state.selected];
    const names = personas.filter((persona) => state.selected.has(persona.id)).map((persona) => persona.name);
    const confirmed = await confirmDialog({
      title: `Delete ${plural(ids.length, 'persona')}?`,
      message:
        ids.length === 1 && names.length === 1
          ? `${names[0]} is removed from your workspace. This cannot be undone.`
          : `The selected personas are removed from your workspace. This cannot be undone.`,
      confirmLabel: `Delete ${plural(ids.length, 'persona')}`,
      danger: true,
      returnFocusTo: trigger,
    });
    if (!confirmed) return;
    try {
      const answer = await bulkDeletePersonas(ids);
      const deleted = typeof answer?.deleted === 'number' ? answer.deleted : ids.length;
      showToast({ kind: 'success', message: `Deleted ${plural(deleted, 'persona')}.` });
    } catch (error) {
      showToast({ kind: 'error', title: 'Could not delete the personas', message: error.message });
      return;
    }
    state.selected.clear();
    await refresh();
    focusList();
  }

  renderFolders();
  loadFolders();
  loadPersonas();
  return element;
}

function skeletonGrid() {
  return h(
    'ul',
    { class: 'persona-grid', 'aria-hidden': 'true' },
    Array.from({ length: 6 }, () =>
      h(
        'li',
        { class: 'persona-card persona-card--skeleton' },
        h('div', { class: 'persona-card-head' }, h('span', { class: 'persona-avatar persona-avatar--md skeleton-avatar' }), h('div', { class: 'persona-card-title' }, h('span', { class: 'skeleton skeleton-line' }), h('span', { class: 'skeleton skeleton-short' }))),
        h('span', { class: 'skeleton skeleton-line' }),
      ),
    ),
  );
}

function loadError(error, retry) {
  return emptyCard({ iconName: 'warning', heading: 'Personas could not be loaded', text: error.message, actions: [retryButton(retry)], level: 'h3' });
}
