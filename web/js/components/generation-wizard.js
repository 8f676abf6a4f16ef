// "Generate a panel": a four-step wizard in one modal dialog (CONTRACT-3b "Web").
//   1 brief, count, folder → 2 sampling plan + cost preflight → 3 progress (task polling, Cancel) → 4 results.
// Focus moves to each step's heading; progress text is announced politely; a <progress> shows done/total.

import { h, replaceChildren, uniqueId } from '../lib/dom.js';
import { updateBalance } from '../lib/auth.js';
import { navigate, currentPath } from '../lib/router.js';
import { cancelTask, pollTask } from '../lib/task-polling.js';
import { openDialog } from './dialog.js';
import { formAlert, submitButton } from './form.js';
import { BRIEF_MAX, BRIEF_MIN, COUNT_DEFAULT, COUNT_MAX, COUNT_MIN, CUSTOMER_DATA_MAX_BYTES, getBalance, getPricing, getSamplingPlan, readFileText, samplingOverrides, startGeneration, uploadCustomerData } from './generation-api.js';
import { costPreflight, samplingPlanEditor } from './generation-plan.js';
import { diversityCard, resultLists } from './generation-results.js';
import { folderTree, listFolders } from './persona-api.js';
import { inputField, selectField, textareaField } from './persona-fields.js';
import { icon } from './icon.js';
import { taskProgress } from './task-progress.js';
import { showToast } from './toast.js';

const STEPS = ['Brief', 'Sampling plan', 'Progress', 'Results'];
const EXAMPLE_BRIEF =
  'Parents of children under 10 in mid-sized European cities who shop for groceries online at least twice a month. ' +
  'Mix of working parents and stay-at-home parents; some are price-sensitive, some value convenience above all. ' +
  'We want to test a meal-kit subscription for busy weeknights.';
const NO_FOLDER = '';

/** Opens the wizard. options: returnFocusTo, folderId (preselected folder). */
export function openGenerationWizard({ returnFocusTo, folderId = null } = {}) {
  const state = {
    brief: '',
    count: COUNT_DEFAULT,
    folderId: folderId ?? NO_FOLDER,
    customerData: null, // {id, name, columns, row_count} once a CSV was uploaded in step 1
    kept: new Map(),
    plan: null,
    taskId: null,
    created: [], // every persona created across this wizard's runs
    failed: [],
    anyCreated: false,
    closed: false,
  };
  const abort = new AbortController();
  const setup = {
    folders: listFolders({ signal: abort.signal }).catch(() => []),
    plan: null,
    pricing: null,
  };

  const titleId = uniqueId('gen-title');
  const stepper = h(
    'ol',
    { class: 'gen-stepper', 'aria-label': 'Steps' },
    STEPS.map((name, index) => h('li', { class: 'gen-stepper-item', dataset: { step: String(index + 1) } }, h('span', { class: 'gen-stepper-number', 'aria-hidden': 'true', text: String(index + 1) }), h('span', { class: 'gen-stepper-name', text: name }))),
  );
  const stepBody = h('div', { class: 'gen-step' });
  const closeButton = h('button', { type: 'button', class: 'btn btn-ghost btn-icon gen-close', 'aria-label': 'Close', dataset: { testid: 'gen-close' } }, icon('close'));

  const { dialog, close } = openDialog({
    labelledBy: titleId,
    returnFocusTo,
    content: h(
      'div',
      { class: 'gen-dialog-inner' },
      h('header', { class: 'gen-header' }, h('span', { class: 'gen-header-icon' }, icon('sparkles')), h('h2', { id: titleId, text: 'Generate a panel' }), closeButton),
      stepper,
      stepBody,
    ),
    onClose,
  });
  dialog.classList.add('dialog--wide', 'gen-dialog');
  dialog.dataset.testid = 'generate-dialog';
  closeButton.addEventListener('click', close);

  function onClose() {
    state.closed = true;
    abort.abort();
    if (state.taskId) {
      showToast({ kind: 'info', title: 'The panel keeps building', message: 'Its personas appear in Synthetic Users as they are created.', key: 'generation' });
    }
    if (state.anyCreated || state.taskId) refreshList();
  }

  /** Re-renders the personas page so the grid shows the new personas. */
  function refreshList() {
    if (window.location.pathname === '/personas') navigate(currentPath(), { replace: true });
  }

  function setStep(number, content, { heading, focus } = {}) {
    for (const item of stepper.children) {
      const step = Number(item.dataset.step);
      item.classList.toggle('is-done', step < number);
      if (step === number) item.setAttribute('aria-current', 'step');
      else item.removeAttribute('aria-current');
    }
    dialog.dataset.step = String(number);
    replaceChildren(stepBody, content);
    const target = focus ?? heading;
    if (target) {
      if (target === heading) heading.setAttribute('tabindex', '-1');
      target.focus();
    }
  }

  function stepHeading(text, note) {
    const heading = h('h3', { class: 'gen-step-title', text });
    return { heading, block: h('div', { class: 'gen-step-head' }, heading, note && h('p', { class: 'lede', text: note })) };
  }

  // ---- Step 1: brief ----------------------------------------------------------------------------------
  async function showBrief({ focusField = null } = {}) {
    const folders = await setup.folders;
    if (state.closed) return;
    if (state.folderId && !folders.some((item) => item.id === state.folderId)) state.folderId = NO_FOLDER;
    const { heading, block } = stepHeading('Describe your audience', 'Who they are, where they live, what they do, and what you want to learn from them. User text is used as data, never as instructions.');
    const brief = textareaField({
      label: 'Audience brief',
      name: 'brief',
      value: state.brief,
      rows: 6,
      maxlength: BRIEF_MAX,
      testid: 'gen-brief',
      hint: `${BRIEF_MIN}–${BRIEF_MAX} characters. Mention age, life stage, location, habits and attitudes you care about.`,
    });
    const example = h('button', { type: 'button', class: 'btn btn-ghost btn-sm gen-example', dataset: { testid: 'gen-example' } }, icon('wand'), 'Use an example');
    const exampleBox = h('details', { class: 'gen-example-box' }, h('summary', { text: 'See an example brief' }), h('p', { class: 'gen-example-text', text: EXAMPLE_BRIEF }), example);
    example.addEventListener('click', () => {
      brief.setValue(EXAMPLE_BRIEF);
      brief.clearError();
      brief.input.focus();
    });
    const count = inputField({ label: 'Number of personas', name: 'count', type: 'number', value: String(state.count), min: COUNT_MIN, max: COUNT_MAX, testid: 'gen-count', hint: `${COUNT_MIN}–${COUNT_MAX}` });
    const folder = selectField({
      label: 'Save to folder',
      name: 'folder_id',
      value: state.folderId,
      choices: [{ value: NO_FOLDER, label: 'No folder' }, ...folderTree(folders).map(({ folder: item, depth }) => ({ value: item.id, label: `${'  '.repeat(depth)}${item.name}` }))],
      testid: 'gen-folder',
    });
    const next = h('button', { type: 'submit', class: 'btn btn-primary', dataset: { testid: 'gen-next' } }, 'Next: sampling plan', icon('chevronRight'));
    const grounding = customerDataField(next);
    const cancel = h('button', { type: 'button', class: 'btn btn-secondary', text: 'Cancel' });
    cancel.addEventListener('click', close);
    const form = h(
      'form',
      { class: 'gen-form', novalidate: true, dataset: { testid: 'gen-step-brief' } },
      block,
      brief.element,
      exampleBox,
      h('div', { class: 'gen-row' }, count.element, folder.element),
      grounding,
      h('div', { class: 'dialog-actions' }, cancel, next),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      brief.clearError();
      count.clearError();
      const text = brief.value();
      const number = count.value();
      let invalid = null;
      if (text.length < BRIEF_MIN) {
        brief.setError(text ? `Write at least ${BRIEF_MIN} characters.` : 'Describe the audience you want to talk to.');
        invalid ??= brief.input;
      }
      if (!Number.isInteger(number) || number < COUNT_MIN || number > COUNT_MAX) {
        count.setError(`Choose a whole number from ${COUNT_MIN} to ${COUNT_MAX}.`);
        invalid ??= count.input;
      }
      if (invalid) {
        invalid.focus();
        return;
      }
      state.brief = text;
      state.count = number;
      state.folderId = folder.value();
      showPlan();
    });
    setStep(1, form, { heading, focus: focusField === 'count' ? count.input : brief.input });
    if (focusField === 'brief' || focusField === 'count') {
      (focusField === 'count' ? count : brief).setError(state.fieldError);
    }
  }

  /** The optional "Ground in customer data" picker: the chosen CSV is read and uploaded at once; the summary
   * (name, rows, columns) or the API's error (which names the bad row) is shown inline. `next` is disabled
   * while an upload runs. */
  function customerDataField(next) {
    const file = inputField({
      label: 'Ground in customer data',
      name: 'customer_data',
      type: 'file',
      optional: true,
      testid: 'gen-customer-data',
      hint: 'A CSV with a header row and up to 500 rows (1 MiB). Personas cite the rows they are based on.',
    });
    file.input.accept = '.csv,text/csv';
    const summary = h('p', { class: 'gen-customer-data-summary', role: 'status', 'aria-live': 'polite', dataset: { testid: 'gen-customer-data-summary' } });
    const remove = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', dataset: { testid: 'gen-customer-data-remove' } }, 'Remove');
    const box = h('div', { class: 'gen-customer-data' }, file.element, h('div', { class: 'gen-customer-data-row' }, summary, remove));
    function render() {
      const data = state.customerData;
      summary.textContent = data ? `${data.name}: ${data.row_count} ${data.row_count === 1 ? 'row' : 'rows'}, ${data.columns.length} ${data.columns.length === 1 ? 'column' : 'columns'} (${data.columns.join(', ')})` : '';
      remove.hidden = !data;
    }
    remove.addEventListener('click', () => {
      state.customerData = null;
      file.input.value = '';
      file.clearError();
      render();
    });
    file.input.addEventListener('change', async () => {
      file.clearError();
      const chosen = file.input.files?.[0];
      if (!chosen) return;
      if (chosen.size > CUSTOMER_DATA_MAX_BYTES) {
        file.setError('The file is larger than 1 MiB.');
        return;
      }
      next.disabled = true;
      summary.textContent = `Uploading ${chosen.name}…`;
      try {
        const text = await readFileText(chosen);
        const name = chosen.name.replace(/\.csv$/i, '').trim().slice(0, 100) || 'Customer data';
        state.customerData = await uploadCustomerData(text, name);
      } catch (error) {
        state.customerData = null;
        file.input.value = '';
        file.setError(error.message || 'The file could not be uploaded.');
      } finally {
        next.disabled = false;
        if (!state.closed) render();
      }
    });
    render();
    return box;
  }

  // ---- Step 2: sampling plan and cost -----------------------------------------------------------------
  async function showPlan() {
    const { heading, block } = stepHeading('Check the sampling plan', 'Personas are drawn across these levels in proportion to their weights, so the panel is diverse on purpose. Switch off the levels you do not want.');
    const loading = h('div', { class: 'gen-loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Loading the sampling plan and your balance…');
    setStep(2, h('div', { class: 'gen-form', dataset: { testid: 'gen-step-plan' } }, block, loading), { heading });

    let plan;
    let pricing;
    let balance;
    try {
      setup.plan ??= getSamplingPlan({ signal: abort.signal });
      setup.pricing ??= getPricing({ signal: abort.signal });
      [plan, pricing, balance] = await Promise.all([setup.plan, setup.pricing, getBalance({ signal: abort.signal })]);
    } catch (error) {
      if (state.closed || error.name === 'AbortError') return;
      setup.plan = null;
      setup.pricing = null;
      const retry = h('button', { type: 'button', class: 'btn btn-secondary' }, icon('refresh'), 'Try again');
      retry.addEventListener('click', showPlan);
      const back = h('button', { type: 'button', class: 'btn btn-secondary', text: 'Back' });
      back.addEventListener('click', () => showBrief());
      const alert = formAlert();
      alert.show(error.message);
      replaceChildren(stepBody, h('div', { class: 'gen-form', dataset: { testid: 'gen-step-plan' } }, block, alert.element, h('div', { class: 'dialog-actions' }, back, retry)));
      retry.focus();
      return;
    }
    if (state.closed) return;
    if (Number.isFinite(balance)) updateBalance(balance);
    state.plan = plan;
    const cost = Number(pricing?.persona_creation_cost ?? 0);
    const editor = samplingPlanEditor(plan, state.kept);
    const preflight = costPreflight({ count: state.count, cost, balance });
    const alert = formAlert();
    const submit = submitButton({ label: `Generate ${state.count} ${state.count === 1 ? 'persona' : 'personas'}`, pendingLabel: 'Starting…', testid: 'gen-submit', variant: 'btn-primary' });
    submit.element.prepend(icon('sparkles'));
    submit.element.disabled = !preflight.affordable;
    if (!preflight.affordable) submit.element.setAttribute('aria-describedby', 'gen-short');
    preflight.element.id = 'gen-short';
    const back = h('button', { type: 'button', class: 'btn btn-secondary', dataset: { testid: 'gen-back' } }, icon('chevronLeft'), 'Back');
    back.addEventListener('click', () => showBrief());
    const form = h(
      'form',
      { class: 'gen-form', novalidate: true, dataset: { testid: 'gen-step-plan' } },
      block,
      alert.element,
      editor.element,
      preflight.element,
      h('div', { class: 'dialog-actions' }, back, submit.element),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (submit.element.disabled) return;
      alert.hide();
      submit.setPending(true);
      try {
        await launch({ count: state.count });
      } catch (error) {
        submit.setPending(false);
        if (state.closed) return;
        if (error.field === 'brief' || error.field === 'count') {
          state.fieldError = error.message;
          showBrief({ focusField: error.field });
          return;
        }
        alert.show(error.message, ...(error.status === 402 ? [paymentWayOut(error)] : []));
        alert.element.setAttribute('tabindex', '-1');
        alert.element.focus();
      }
    });
    replaceChildren(stepBody, form);
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }

  /** POST generate and move on to the progress step. Throws the ApiError of a refused start. */
  async function launch({ count }) {
    const body = { brief: state.brief, count, folder_id: state.folderId || null };
    const sampling = state.plan ? samplingOverrides(state.plan, state.kept) : null;
    if (sampling) body.sampling = sampling;
    if (state.customerData) body.customer_data_id = state.customerData.id;
    const { task_id: taskId } = await startGeneration(body);
    if (state.closed) return;
    state.taskId = taskId;
    showProgress(taskId, count);
  }

  // ---- Step 3: progress -------------------------------------------------------------------------------
  function showProgress(taskId, count) {
    const { heading, block } = stepHeading('Building your panel', `Drafting ${count} ${count === 1 ? 'profile' : 'profiles'}, then writing each persona in full. You can close this window: the panel keeps building.`);
    const progress = taskProgress({ total: count + 1, testid: 'gen' });
    const cancel = h('button', { type: 'button', class: 'btn btn-secondary', dataset: { testid: 'gen-cancel' } }, 'Cancel generation');
    const hide = h('button', { type: 'button', class: 'btn btn-ghost', text: 'Close and keep building' });
    hide.addEventListener('click', close);
    cancel.addEventListener('click', async () => {
      cancel.disabled = true;
      cancel.textContent = 'Cancelling…';
      progress.announce('Cancelling the generation…');
      try {
        await cancelTask(taskId);
      } catch (error) {
        cancel.disabled = false;
        cancel.textContent = 'Cancel generation';
        showToast({ kind: 'error', title: 'Could not cancel', message: error.message });
      }
    });
    setStep(
      3,
      h(
        'div',
        { class: 'gen-form', dataset: { testid: 'gen-step-progress' }, 'aria-busy': 'true' },
        block,
        progress.element,
        h('div', { class: 'dialog-actions' }, hide, cancel),
      ),
      { heading },
    );

    pollTask(taskId, {
      signal: abort.signal,
      onUpdate: progress.update,
      onRetry: progress.retrying,
    }).then(
      (task) => {
        if (state.closed) return;
        state.taskId = null;
        showResults(task, count);
      },
      (error) => {
        if (state.closed || error.name === 'AbortError') return;
        state.taskId = null;
        showResults({ status: 'failed', error: { message: error.message } }, count);
      },
    );
  }

  // ---- Step 4: results --------------------------------------------------------------------------------
  function showResults(task, requested) {
    // The run charged credits: refresh the balance everywhere it is shown.
    getBalance().catch(() => {});
    const result = task.result ?? {};
    const personas = Array.isArray(result.personas) ? result.personas : [];
    const created = personas.filter((item) => item.status === 'created' && item.persona_id);
    const failed = personas.filter((item) => item.status !== 'created');
    // When the run as a whole failed or was cancelled, the personas it never reached count as failed too.
    const unreached = Math.max(0, requested - created.length - failed.length);
    state.created.push(...created);
    state.failed = failed;
    if (created.length) state.anyCreated = true;
    const failedCount = failed.length + (task.status === 'succeeded' ? 0 : unreached);

    const title = task.status === 'cancelled' ? 'Generation cancelled' : task.status === 'failed' && !created.length ? 'The panel could not be generated' : 'Your panel is ready';
    const { heading, block } = stepHeading(title);
    const summary = h(
      'p',
      { class: 'gen-summary', dataset: { testid: 'gen-summary' } },
      h('strong', { dataset: { testid: 'gen-created-count' }, text: String(state.created.length) }),
      ` ${state.created.length === 1 ? 'persona' : 'personas'} created`,
      failedCount ? [' · ', h('strong', { dataset: { testid: 'gen-failed-count' }, text: String(failedCount) }), ' failed'] : null,
      Number.isFinite(result.credits_charged) ? ` · ${result.credits_charged} credits charged` : null,
      result.regenerated ? ` · ${result.regenerated} near-duplicate${result.regenerated === 1 ? '' : 's'} regenerated` : null,
    );
    const alert = formAlert();
    if (task.status === 'failed' && task.error?.message) alert.show(task.error.message);
    if (task.status === 'cancelled') alert.show('You cancelled the generation. Personas created before that are kept and charged; the rest cost nothing.');
    if (task.status === 'cancelled') alert.element.classList.replace('alert-error', 'alert-info');

    const retryCount = failedCount;
    const retry = retryCount ? h('button', { type: 'button', class: 'btn btn-secondary', dataset: { testid: 'gen-retry' } }, icon('refresh'), `Retry ${retryCount} failed`) : null;
    retry?.addEventListener('click', async () => {
      retry.disabled = true;
      alert.hide();
      try {
        await launch({ count: retryCount });
      } catch (error) {
        if (state.closed) return;
        retry.disabled = false;
        alert.show(error.message);
        retry.focus();
      }
    });
    const folderHref = state.folderId ? `/personas?folder=${encodeURIComponent(state.folderId)}` : '/personas';
    const view = h('a', { class: 'btn btn-primary', href: folderHref, dataset: { testid: 'gen-view-panel' } }, icon('users'), 'View panel');
    view.addEventListener('click', (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      state.anyCreated = false; // the navigation below re-renders the list
      close();
      navigate(folderHref);
    });

    setStep(
      4,
      h(
        'div',
        { class: 'gen-form', dataset: { testid: 'gen-step-results', status: task.status ?? '' } },
        block,
        summary,
        alert.element,
        diversityCard(result.diversity),
        resultLists({ created: state.created, failed }),
        h('div', { class: 'dialog-actions' }, retry, view),
      ),
      { heading },
    );
  }

  showBrief();
  return { close };
}

/** Under a 402 in the wizard (the app's payment dialog opens over it too): credits are bought, a limit waits. */
function paymentWayOut(error) {
  return error.code === 'quota_exceeded'
    ? h('p', {}, h('a', { href: '/usage', text: 'See this month’s limit in My Usage' }))
    : h('p', {}, h('a', { href: '/billing', text: 'Buy credits in Billing' }));
}
