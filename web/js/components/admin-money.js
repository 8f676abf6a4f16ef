// Money helpers of the admin charts and tables: the API's exact, possibly negative, decimal dollar strings to whole
// micro-dollars (chart heights) and back to text, and the admin usage figures in the shape of My Usage's tables.

import { formatUsd } from '../lib/format.js';
import { usdFromMicro } from './usage-api.js';

/** "12.345678" → 12345678, "-1.25" → -1250000; anything else → 0. Exact for any amount a chart shows. */
export function microFromUsd(text) {
  const match = /^(-?)(\d+)(?:\.(\d{0,6})\d*)?$/.exec(String(text ?? '').trim());
  if (!match) return 0;
  const [, sign, whole, fraction = ''] = match;
  const value = Number(whole) * 1_000_000 + Number(fraction.padEnd(6, '0'));
  return sign ? -value : value;
}

/** A dollar amount that may be negative: "-1.25" → "−$1.25" (a real minus sign). */
export function formatSignedUsd(text) {
  const value = String(text ?? '').trim();
  return value.startsWith('-') ? `\u2212${formatUsd(value.slice(1))}` : formatUsd(value);
}

/** Whole micro-dollars, possibly negative → "$1.23" / "−$1.23". */
export const formatMicroUsd = (micro) => (micro < 0 ? `\u2212${formatUsd(usdFromMicro(-micro))}` : formatUsd(usdFromMicro(micro)));

/** Cents → "$12.34" / "−$12.34". */
export const formatCents = (cents) => formatMicroUsd(Math.trunc(Number(cents) || 0) * 10_000);

/** An admin usage entry {calls, prompt_tokens, completion_tokens, cost_usd, day?} as My Usage's figures. */
export function usageFigures(entry) {
  return { ...entry, date: entry.day, total_tokens: (entry.prompt_tokens ?? 0) + (entry.completion_tokens ?? 0), cost_micro_usd: microFromUsd(entry.cost_usd) };
}
