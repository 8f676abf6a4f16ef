// What the two export dialogs offer: on Synthetic Users the selection, the folder being shown, or every persona;
// on a session page that session. Each opens openExportDialog with the request bodies of CONTRACT-7 C.

import { plural } from '../lib/format.js';
import { openExportDialog } from './export-dialog.js';
import { PERSONA_FORMATS, SESSION_FORMATS } from './export-api.js';

const MAX_SELECTED = 1000; // the API's limit on persona_ids

/** selected: ids ticked on the page; folder: {id, name} of the folder shown, or null. */
export function openPersonaExport({ selected = [], folder = null, returnFocusTo }) {
  const scopes = [];
  if (selected.length && selected.length <= MAX_SELECTED) scopes.push({ value: 'selection', label: `The selection (${plural(selected.length, 'persona')})`, hint: 'The personas ticked on this page', body: { kind: 'personas', persona_ids: selected } });
  if (folder) scopes.push({ value: 'folder', label: `Folder “${folder.name}”`, hint: 'Every persona in this folder', body: { kind: 'personas', folder_id: folder.id } });
  scopes.push({ value: 'all', label: 'All personas', hint: 'Every persona in your workspace', body: { kind: 'personas' } });
  openExportDialog({
    title: 'Export synthetic users',
    lede: 'Download personas as a file. Exports spend no credits.',
    scopes,
    formats: PERSONA_FORMATS,
    returnFocusTo,
    testid: 'persona-export',
  });
}

/** session: the session JSON (name, status). */
export function openSessionExport({ session, returnFocusTo }) {
  const running = !['finished', 'failed', 'cancelled'].includes(session.status);
  openExportDialog({
    title: 'Export the session',
    lede: running ? 'The session is still running: the file holds what has been said so far.' : 'The report, transcript and polls as one file. Exports spend no credits.',
    body: { kind: 'session', session_id: session.id },
    formats: SESSION_FORMATS,
    returnFocusTo,
    testid: 'session-export',
  });
}
