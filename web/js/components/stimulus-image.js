// Thumbnails of image stimuli. The image URL needs the bearer token, so the bytes are fetched with api() and shown
// through an object URL (the CSP allows blob: images). One loader per page: it fetches each image once, and frees
// every object URL when the page's signal aborts (the user moved on).

import { h } from '../lib/dom.js';
import { fetchStimulusImage } from './focus-group-api.js';
import { icon } from './icon.js';

/** Returns thumbnail(stimulus, { size }) → an element that fills in when the image has loaded. */
export function createImageLoader(signal) {
  const urls = new Map(); // image_url → Promise<object URL>
  signal.addEventListener('abort', async () => {
    for (const pending of urls.values()) pending.then((url) => URL.revokeObjectURL(url)).catch(() => {});
    urls.clear();
  });

  function objectUrl(imageUrl) {
    if (!urls.has(imageUrl)) {
      const pending = fetchStimulusImage(imageUrl, { signal }).then((blob) => URL.createObjectURL(blob));
      pending.catch(() => urls.delete(imageUrl));
      urls.set(imageUrl, pending);
    }
    return urls.get(imageUrl);
  }

  return function thumbnail(stimulus, { size = 'md' } = {}) {
    const frame = h('span', { class: `stimulus-thumb stimulus-thumb--${size} is-loading`, dataset: { testid: 'stimulus-thumb' } }, icon('image'));
    if (!stimulus.image_url) return frame;
    objectUrl(stimulus.image_url).then(
      (url) => {
        if (signal.aborted) return;
        frame.classList.remove('is-loading');
        frame.replaceChildren(h('img', { src: url, alt: stimulus.title ? `Image: ${stimulus.title}` : 'Image stimulus', decoding: 'async' }));
      },
      () => {
        frame.classList.remove('is-loading');
        frame.classList.add('is-broken');
        frame.title = 'The image could not be loaded';
      },
    );
    return frame;
  };
}

/** A thumbnail of a local file (before it is uploaded); `signal` frees its object URL. */
export function fileThumbnail(file, signal, { size = 'md' } = {}) {
  const url = URL.createObjectURL(file);
  signal.addEventListener('abort', () => URL.revokeObjectURL(url), { once: true });
  return h('span', { class: `stimulus-thumb stimulus-thumb--${size}` }, h('img', { src: url, alt: `Image: ${file.name}`, decoding: 'async' }));
}
