// Starting a run of a focus group: the cost preflight (credits, estimated dollars, calls and tokens, a warning when
// the run will likely stop at its spending cap) in a confirm dialog, then the start and the session's page. A short
// balance or a reached monthly limit (402, payment-required.js) and a group that cannot run (409: no guide, a
// participant deleted) each get a dialog with the way on.

import { h } from '../lib/dom.js';
import { formatNumber, formatUsd, plural } from '../lib/format.js';
import { navigate } from '../lib/router.js';
import { confirmDialog, messageDialog } from './dialog.js';
import { setBusy } from './form.js';
import { getBalance } from './generation-api.js';
import { icon } from './icon.js';
import { paymentRequiredDialog } from './payment-required.js';
import { estimateSession, sessionHref, startSession } from './session-api.js';
import { showToast } from './toast.js';

/** The dialog for a 409 on start: the group is not ready to run. */
function notStartableDialog(error, returnFocusTo) {
  return messageDialog({
    title: 'This focus group cannot start yet',
    message: `${error.message} A session needs a discussion guide and 3 to 12 participants who still exist in Synthetic Users.`,
    returnFocusTo,
    testid: 'not-startable-dialog',
  });
}

/** Shows a failed start (or fork): 402 and 409 in a dialog, anything else as a toast. */
export function explainStartError(error, trigger, title = 'Could not start the session') {
  if (error.status === 402) paymentRequiredDialog(error, trigger);
  else if (error.status === 409) notStartableDialog(error, trigger);
  else showToast({ kind: 'error', title, message: error.message });
}

/** Runs the whole flow from the "Start session" button `trigger`. */
export async function startSessionFlow(group, trigger) {
  setBusy(trigger, true);
  let estimate;
  let balance;
  try {
    [estimate, balance] = await Promise.all([estimateSession(group.id), getBalance().catch(() => Number.NaN)]);
  } catch (error) {
    setBusy(trigger, false);
    explainStartError(error, trigger, 'Could not prepare the session');
    return;
  }
  setBusy(trigger, false);
  if (!(await confirmPreflight(group, estimate, balance, trigger))) return;

  setBusy(trigger, true);
  let started;
  try {
    started = await startSession(group.id);
  } catch (error) {
    setBusy(trigger, false);
    explainStartError(error, trigger);
    return;
  }
  getBalance().catch(() => {}); // the shell's credit pill shows the charge
  navigate(sessionHref(started.session.id));
}

/** The preflight dialog. Resolves true when the user starts the run. */
function confirmPreflight(group, estimate, balance, returnFocusTo) {
  const short = Number.isFinite(balance) && balance < estimate.credits;
  return confirmDialog({
    title: 'Start a session?',
    message: `The AI moderator leads ${plural(group.participants?.length ?? 0, 'participant')} through the guide. You can watch live, step in, pause or cancel at any time.`,
    confirmLabel: 'Start session',
    confirmDisabled: short,
    returnFocusTo,
    testid: 'preflight',
    details: [
      preflightFacts(estimate, balance),
      estimate.exceeds_cap &&
        h(
          'div',
          { class: 'alert alert-warning', role: 'note', dataset: { testid: 'preflight-cap-warning' } },
          icon('warning'),
          h('p', { text: `This run will likely reach its ${formatUsd(group.settings?.usd_cap)} spending cap and stop early with a partial report. Raise the cap in Edit to let it finish.` }),
        ),
      short &&
        h(
          'div',
          { class: 'alert alert-warning', role: 'note', dataset: { testid: 'preflight-short' } },
          icon('coins'),
          h('p', {}, `You need ${plural(estimate.credits - balance, 'more credit')} for this run. `, h('a', { href: '/billing', text: 'Buy credits in Billing' }), '.'),
        ),
    ],
  });
}

function preflightFacts(estimate, balance) {
  const calls = Object.values(estimate.calls ?? {}).reduce((sum, count) => sum + (Number(count) || 0), 0);
  const tokens = ['main', 'mini'].reduce((sum, tier) => sum + (estimate[tier]?.prompt_tokens ?? 0) + (estimate[tier]?.completion_tokens ?? 0), 0);
  const row = (label, value, note, testid) => h('div', { class: 'fact' }, h('dt', { text: label }), h('dd', {}, h('span', { class: 'fact-value', dataset: { testid }, text: value }), note && h('span', { class: 'preflight-note', text: note })));
  return h(
    'dl',
    { class: 'facts preflight-facts' },
    row('Credits', plural(estimate.credits, 'credit'), Number.isFinite(balance) ? `Your balance: ${formatNumber(balance)}` : null, 'preflight-credits'),
    row('Model cost', estimate.cost_usd === null ? 'No price' : `≈ ${formatUsd(estimate.cost_usd)}`, estimate.cost_usd === null ? 'A model in use has no price set, so the dollars cannot be estimated.' : 'An estimate at the current model prices.', 'preflight-usd'),
    row('AI calls', `≈ ${formatNumber(calls)}`, `About ${formatNumber(tokens)} tokens`, 'preflight-calls'),
  );
}
