// The Synthetic Users view (folder, search, filters, page) the user last looked at in this tab, so the profile's
// "back" link and a deletion return there rather than to the unfiltered list.

const KEY = 'cohorta.personas.list';

export function rememberListPath(path) {
  try {
    sessionStorage.setItem(KEY, path);
  } catch {
    // Storage unavailable: "back" goes to the unfiltered list.
  }
}

export function listPath() {
  try {
    const path = sessionStorage.getItem(KEY);
    return path?.startsWith('/personas') && !path.startsWith('/personas/') ? path : '/personas';
  } catch {
    return '/personas';
  }
}
