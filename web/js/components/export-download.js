// Saves a file the API serves only with the bearer token (an export, the admin usage CSV): fetch it with the token,
// keep it as a Blob and click a temporary <a download> on an object URL, which the browser saves under `filename`.

import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';

const REVOKE_AFTER_MS = 60_000; // long enough for the browser to have started the save

/** Resolves once the browser has been handed the file; rejects with the ApiError of a refused download. */
export async function downloadFile(path, filename, { signal } = {}) {
  const blob = await api(path, { as: 'blob', signal });
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: filename, hidden: true, dataset: { testid: 'download-link' } });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  return blob;
}
