// The persona profile (read mode): header with avatar and key facts, quote, bio, psychographics and behaviours as
// chip groups, demographics, and where each attribute came from ("Inferred" or "From customer data · rows 3, 7").

import { h } from '../lib/dom.js';
import { formatDateTime } from '../lib/format.js';
import { applyAvatarHue, personaAvatar } from './persona-avatar.js';
import { attitudeChip } from './persona-card.js';
import { BEHAVIOURS, genderLabel, humanize, PSYCHOGRAPHICS } from './persona-api.js';
import { icon } from './icon.js';

const MAX_ROWS_SHOWN = 6;

/** The provenance entry of an attribute: tries "group.key", then "key", then "group". */
export function provenanceOf(persona, key, group) {
  const provenance = persona.provenance ?? {};
  return (group ? (provenance[`${group}.${key}`] ?? provenance[`${group}/${key}`]) : null) ?? provenance[key] ?? (group ? provenance[group] : null) ?? null;
}

function rowsText(rows) {
  const list = (rows ?? []).filter(Number.isFinite);
  if (!list.length) return '';
  const shown = list.slice(0, MAX_ROWS_SHOWN).join(', ');
  const more = list.length > MAX_ROWS_SHOWN ? ` +${list.length - MAX_ROWS_SHOWN} more` : '';
  return `${list.length === 1 ? 'row' : 'rows'} ${shown}${more}`;
}

/** A provenance badge, or null when the attribute has no recorded source. */
export function provenanceBadge(entry) {
  if (!entry?.source) return null;
  if (entry.source === 'customer_data') {
    const rows = rowsText(entry.rows);
    return h(
      'span',
      { class: 'badge provenance provenance--data', dataset: { testid: 'provenance', source: 'customer_data' } },
      icon('database', 'icon badge-icon'),
      rows ? `From customer data ${rows}` : 'From customer data',
    );
  }
  return h(
    'span',
    { class: 'badge provenance provenance--inferred', dataset: { testid: 'provenance', source: entry.source } },
    icon('sparkles', 'icon badge-icon'),
    entry.source === 'inferred' ? 'Inferred' : humanize(entry.source),
  );
}

function card(id, title, content, { note, className = '' } = {}) {
  return h(
    'section',
    { class: `card profile-card ${className}`.trim(), 'aria-labelledby': id },
    h('div', { class: 'profile-card-header' }, h('h2', { id, text: title }), note),
    h('div', { class: 'profile-card-body' }, content),
  );
}

function chipGroups(persona, group, keys) {
  const groups = keys.map(({ key, label }) => {
    const values = persona[group]?.[key] ?? [];
    return h(
      'div',
      { class: 'chip-group', dataset: { testid: `chips-${group}-${key}` } },
      h('div', { class: 'chip-group-head' }, h('h3', { text: label }), provenanceBadge(provenanceOf(persona, key, group))),
      values.length ? h('ul', { class: 'chip-list' }, values.map((value) => h('li', { class: 'chip', text: value }))) : h('p', { class: 'muted-note', text: 'None recorded' }),
    );
  });
  return h('div', { class: 'chip-groups' }, groups);
}

function fact(label, value, entry, testid) {
  return h(
    'div',
    { class: 'fact', dataset: { testid } },
    h('dt', { text: label }),
    h('dd', {}, h('span', { class: value ? 'fact-value' : 'fact-value fact-value--empty', text: value || 'Not set' }), provenanceBadge(entry)),
  );
}

function provenanceSummary(persona) {
  const entries = Object.values(persona.provenance ?? {}).filter((entry) => entry?.source);
  if (!entries.length) return null;
  const fromData = entries.filter((entry) => entry.source === 'customer_data').length;
  const inferred = entries.length - fromData;
  const parts = [];
  if (fromData) parts.push(`${fromData} from customer data`);
  if (inferred) parts.push(`${inferred} inferred`);
  return h('p', { class: 'provenance-summary', dataset: { testid: 'provenance-summary' } }, icon('database', 'icon'), `Attribute sources: ${parts.join(', ')}.`);
}

/** actions: nodes for the header (Edit, Delete…). folderName: the persona's folder name or null. */
export function personaProfile(persona, { actions, folderName }) {
  const subtitle = [Number.isFinite(persona.age) ? `${persona.age} years old` : null, persona.gender ? genderLabel(persona.gender) : null, persona.location || null].filter(Boolean).join(' · ');
  const header = h(
    'header',
    { class: 'card profile-header' },
    personaAvatar(persona, 'lg'),
    h(
      'div',
      { class: 'profile-identity' },
      h('h1', { dataset: { testid: 'persona-name' }, text: persona.name }),
      subtitle && h('p', { class: 'profile-subtitle', text: subtitle }),
      h(
        'div',
        { class: 'profile-tags' },
        persona.occupation && h('span', { class: 'chip chip--plain' }, icon('briefcase'), h('span', { dataset: { testid: 'persona-occupation' }, text: persona.occupation })),
        attitudeChip(persona.attitude),
        persona.income_band && h('span', { class: 'chip chip--plain', text: `${humanize(persona.income_band)} income` }),
        folderName && h('a', { class: 'chip chip--plain chip--link', href: `/personas?folder=${encodeURIComponent(persona.folder_id)}` }, icon('folder'), h('span', { text: folderName })),
      ),
    ),
    h('div', { class: 'profile-actions' }, actions),
  );
  applyAvatarHue(header, persona);

  const quote = persona.quote
    ? h('figure', { class: 'profile-quote', dataset: { testid: 'persona-quote' } }, icon('quote', 'icon profile-quote-mark'), h('blockquote', { text: persona.quote }), h('figcaption', { text: `— ${persona.name}` }))
    : null;

  const about = card(
    'profile-about',
    'About',
    persona.bio ? h('p', { class: 'profile-bio', dataset: { testid: 'persona-bio' }, text: persona.bio }) : h('p', { class: 'muted-note', text: 'No bio yet. Edit the persona to add one.' }),
    { note: provenanceBadge(provenanceOf(persona, 'bio')) },
  );

  const demographics = card(
    'profile-demographics',
    'Demographics',
    h(
      'dl',
      { class: 'facts' },
      fact('Age', Number.isFinite(persona.age) ? String(persona.age) : '', provenanceOf(persona, 'age'), 'fact-age'),
      fact('Gender', persona.gender ? genderLabel(persona.gender) : '', provenanceOf(persona, 'gender'), 'fact-gender'),
      fact('Location', persona.location, provenanceOf(persona, 'location'), 'fact-location'),
      fact('Occupation', persona.occupation, provenanceOf(persona, 'occupation'), 'fact-occupation'),
      fact('Income band', humanize(persona.income_band), provenanceOf(persona, 'income_band'), 'fact-income'),
      fact('Attitude', humanize(persona.attitude), provenanceOf(persona, 'attitude'), 'fact-attitude'),
    ),
  );

  const origin = h(
    'dl',
    { class: 'facts facts--compact' },
    persona.generation?.brief && h('div', { class: 'fact fact--block' }, h('dt', { text: 'Generated from the brief' }), h('dd', {}, h('q', { class: 'brief', text: persona.generation.brief }))),
    h('div', { class: 'fact' }, h('dt', { text: 'Created' }), h('dd', { text: formatDateTime(persona.created_at) || '—' })),
    h('div', { class: 'fact' }, h('dt', { text: 'Last edited' }), h('dd', { text: formatDateTime(persona.updated_at) || '—' })),
  );

  return h(
    'div',
    { class: 'profile', dataset: { testid: 'persona-profile' } },
    header,
    h(
      'div',
      { class: 'profile-grid' },
      h(
        'div',
        { class: 'profile-main' },
        quote,
        about,
        card('profile-psychographics', 'Psychographics', chipGroups(persona, 'psychographics', PSYCHOGRAPHICS)),
        card('profile-behaviours', 'Behaviours', chipGroups(persona, 'behaviours', BEHAVIOURS)),
      ),
      h(
        'aside',
        { class: 'profile-side', 'aria-label': 'Details' },
        demographics,
        card('profile-origin', 'Origin', [origin, provenanceSummary(persona)], {
          note: persona.generation?.task_id ? h('span', { class: 'badge badge-brand' }, icon('sparkles', 'icon badge-icon'), 'AI generated') : h('span', { class: 'badge', text: 'Created by hand' }),
        }),
      ),
    ),
  );
}
