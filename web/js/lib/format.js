// Locale-aware formatting for numbers, signed credit amounts, dates and ledger kinds.

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatNumber(value) {
  return integer.format(value);
}

/** "+50", "−2" (with a real minus sign), "0". */
export function formatSignedCredits(amount) {
  if (amount > 0) return `+${integer.format(amount)}`;
  if (amount < 0) return `\u2212${integer.format(Math.abs(amount))}`;
  return '0';
}

export function formatDateTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : dateTime.format(date);
}

const LEDGER_KINDS = {
  trial_grant: 'Trial credits',
  purchase: 'Credit purchase',
  debit: 'Usage',
  refund: 'Refund',
  admin_adjustment: 'Adjustment',
};

/** A readable label for a ledger `kind`; unknown kinds are humanised rather than hidden. */
export function ledgerKindLabel(kind) {
  if (LEDGER_KINDS[kind]) return LEDGER_KINDS[kind];
  const words = String(kind ?? '').replace(/_/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : 'Other';
}
