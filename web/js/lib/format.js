// Locale-aware formatting for numbers, signed credit amounts, US-dollar amounts, dates and ledger kinds.

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatNumber(value) {
  return integer.format(value);
}

/** "1 turn", "12 turns", "3 people" (with `many`). */
export function plural(count, one, many = `${one}s`) {
  return `${integer.format(count)} ${count === 1 ? one : many}`;
}

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });

/** 0.4167 → "42%". */
export function formatPercent(fraction) {
  return percent.format(Number.isFinite(fraction) ? fraction : 0);
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

const DECIMAL = /^(\d+)(?:\.(\d*))?$/;

/** An exact decimal string → {value, one}: the amount is value / one, both BigInt; null when it is not one. */
function parseDecimal(amount) {
  const match = DECIMAL.exec(String(amount ?? '').trim());
  if (!match) return null;
  const [, whole, fraction = ''] = match;
  return { value: BigInt(whole + fraction), one: 10n ** BigInt(fraction.length) };
}

/** How many decimals a dollar amount needs to be read: 2 from $1 (and for $0), 4 from 1¢, 6 below that. */
export function usdPlaces(amount) {
  const parsed = parseDecimal(amount);
  if (!parsed || parsed.value === 0n || parsed.value >= parsed.one) return 2;
  return parsed.value * 100n >= parsed.one ? 4 : 6;
}

/**
 * A US-dollar amount given as an exact decimal string ("0.012300" → "$0.0123"), rounded half up with integer
 * arithmetic so no floating-point error shows. With `places` it has exactly that many decimals (a column of
 * amounts shares one); without, it gets `usdPlaces(amount)` and loses trailing zeros down to two decimals
 * ("12.500000" → "$12.50", "0.000004" → "$0.000004").
 */
export function formatUsd(amount, { places } = {}) {
  const parsed = parseDecimal(amount);
  if (!parsed) return '—';
  const { value, one } = parsed;
  const decimals = places ?? usdPlaces(amount);
  const target = 10n ** BigInt(decimals);
  const units = (value * target * 2n + one) / (one * 2n);
  const fraction = (units % target).toString().padStart(decimals, '0');
  return `$${integer.format(units / target)}.${places === undefined ? fraction.replace(/0+$/, '').padEnd(2, '0') : fraction}`;
}

const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const dayWithYear = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

function utcDay(isoDay) {
  const date = new Date(`${isoDay}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A calendar day "2026-11-03" (UTC, as the API counts days) → "Nov 3", or "Nov 3, 2026" with the year. */
export function formatDay(isoDay, { year = false } = {}) {
  const date = utcDay(isoDay);
  if (!date) return '';
  return (year ? dayWithYear : day).format(date);
}

/** Two calendar days → "Oct 26 – Nov 24, 2026" (one day: "Nov 24, 2026"). */
export function formatDayRange(from, to) {
  const start = utcDay(from);
  const end = utcDay(to);
  if (!start || !end) return '';
  return dayWithYear.formatRange(start, end);
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
