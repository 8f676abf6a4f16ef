// The My Usage range control: preset buttons (Last 7 days, Last 30 days, This month) and a From/To form for any
// other range. `onChange({from, to})` is called with the chosen range; the page loads it and then calls
// `show(range)` with the range the API answered for, or `showError(error, asked)` when the API refused it.

import { h, uniqueId } from '../lib/dom.js';
import { formatDayRange } from '../lib/format.js';
import { dayCount, isDay, PRESETS, presetOf, todayUtc } from './usage-api.js';
import { formAlert, showApiError, textField } from './form.js';
import { icon } from './icon.js';

export function usageRangeControl({ onChange }) {
  const presetButtons = PRESETS.map((preset) => {
    const button = h(
      'button',
      { type: 'button', class: 'view-button view-button--text range-preset', 'aria-pressed': 'false', dataset: { testid: 'range-preset', preset: preset.key } },
      h('span', { class: 'range-preset-long', text: preset.label }),
      h('span', { class: 'range-preset-short', text: preset.short }),
    );
    button.addEventListener('click', () => {
      clearErrors();
      onChange(preset.range(todayUtc()));
    });
    return button;
  });

  const fields = {
    from: textField({ label: 'From', name: 'from', type: 'date', required: false, testid: 'range-from' }),
    to: textField({ label: 'To', name: 'to', type: 'date', required: false, testid: 'range-to' }),
  };
  const alert = formAlert();
  const apply = h('button', { type: 'submit', class: 'btn btn-secondary', dataset: { testid: 'range-apply' } }, 'Apply');
  const form = h(
    'form',
    { class: 'range-custom', novalidate: true, 'aria-label': 'Custom range' },
    h('div', { class: 'range-fields' }, fields.from.element, fields.to.element, h('div', { class: 'range-apply' }, apply)),
    alert.element,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors();
    onChange({ from: fields.from.input.value, to: fields.to.input.value });
  });

  const caption = h('p', { class: 'range-caption', role: 'status', dataset: { testid: 'range-caption' } });
  const presetsLabel = uniqueId('range-presets');
  const element = h(
    'section',
    { class: 'card range-bar', 'aria-label': 'Date range' },
    h(
      'div',
      { class: 'range-controls' },
      h('div', { class: 'range-quick' }, h('span', { id: presetsLabel, class: 'range-label', text: 'Period' }), h('div', { class: 'view-toggle range-presets', role: 'group', 'aria-labelledby': presetsLabel }, presetButtons)),
      form,
    ),
    caption,
  );

  function clearErrors() {
    alert.hide();
    for (const field of Object.values(fields)) field.clearError();
  }

  function pressPreset(key) {
    for (const button of presetButtons) button.setAttribute('aria-pressed', String(button.dataset.preset === key));
  }

  /** Puts a range in the inputs (a day that is not one shows as empty) and presses its preset, if it is one. */
  function fill({ from, to }) {
    fields.from.input.value = isDay(from) ? from : '';
    fields.to.input.value = isDay(to) ? to : '';
    for (const field of Object.values(fields)) field.input.max = todayUtc();
    pressPreset(presetOf({ from, to })?.key ?? null);
  }

  return {
    element,
    fill,
    /** The range being shown: fills the form and says which days are covered. */
    show(range) {
      fill(range);
      const days = dayCount(range.from, range.to);
      caption.replaceChildren(icon('history', 'icon range-caption-icon'), h('span', { text: `${formatDayRange(range.from, range.to)} · ${days === 1 ? '1 day' : `${days} days`} (UTC)` }));
    },
    /** A refused range: the form keeps what was asked for and shows the API's message on its field. */
    showError(error, asked) {
      fill(asked);
      caption.replaceChildren();
      showApiError(error, fields, alert);
    },
  };
}
