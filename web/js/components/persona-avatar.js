// The persona's deterministic avatar: its initials on a colour from `avatar.hue` (0–359). The hue is set as a
// CSS custom property through the CSSOM, which the style-src 'self' policy allows (no style attribute).

import { h } from '../lib/dom.js';

/** size: 'sm' (list rows), 'md' (cards), 'lg' (profile header). Decorative: the name is always shown beside it. */
export function personaAvatar(persona, size = 'md') {
  const avatar = persona?.avatar ?? {};
  const element = h('span', { class: `persona-avatar persona-avatar--${size}`, 'aria-hidden': 'true', text: avatar.initials || initialsOf(persona?.name) });
  return applyAvatarHue(element, persona);
}

/** Sets `--avatar-hue` on `element` from the persona's avatar (a brand blue when it has none). */
export function applyAvatarHue(element, persona) {
  const hue = Number(persona?.avatar?.hue);
  element.style.setProperty('--avatar-hue', String(Number.isFinite(hue) ? ((Math.round(hue) % 360) + 360) % 360 : 230));
  return element;
}

function initialsOf(name) {
  const parts = String(name ?? '').trim().split(/\s+/).filter(Boolean);
  return parts.slice(0, 2).map((part) => part[0]).join('').toUpperCase() || '?';
}
