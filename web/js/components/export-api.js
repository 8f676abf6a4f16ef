// The exports API (CONTRACT-7 C): start an export (a durable task), follow it to `ready`, then download it.
//   POST /api/exports {kind: "personas", format, persona_ids? | folder_id?} | {kind: "session", session_id, format}
//        → 202 {export, task_id}
//   GET  /api/exports/:id → the export {id, kind, format, status: pending|ready|failed, failure?, filename, content_type,
//        size_bytes, task_id, created_at, expires_at, download_url}
//   GET  /api/exports/:id/download → the file (409 not_ready while pending, 410 export_expired after a day)

import { api } from '../lib/api.js';
import { pollTask } from '../lib/task-polling.js';
import { downloadFile } from './export-download.js';

export const PERSONA_FORMATS = [
  { value: 'json', label: 'JSON', hint: 'Every field, for other tools' },
  { value: 'csv', label: 'CSV', hint: 'One row per persona, for spreadsheets' },
  { value: 'md', label: 'Markdown', hint: 'One readable section per persona' },
];

export const SESSION_FORMATS = [
  { value: 'md', label: 'Markdown', hint: 'The report and transcript as text' },
  { value: 'json', label: 'JSON', hint: 'Everything, for other tools' },
  { value: 'csv', label: 'CSV', hint: 'Messages and poll answers in one table' },
  { value: 'docx', label: 'Word (DOCX)', hint: 'Opens in Word and LibreOffice' },
  { value: 'html', label: 'Print / PDF (HTML)', hint: 'A printable page: open it and print to PDF' },
];

const READY_POLL_MS = 1000;
const READY_POLLS = 30;

export function startExport(body) {
  return api('/api/exports', { method: 'POST', body });
}

export function getExport(id, { signal } = {}) {
  return api(`/api/exports/${encodeURIComponent(id)}`, { signal });
}

const sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    const timer = window.setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      window.clearTimeout(timer);
      reject(new DOMException('Stopped', 'AbortError'));
    }, { once: true });
  });

/** Reads the export until it is no longer pending (its task may finish a moment before the export says so). */
async function settledExport(id, signal) {
  for (let attempt = 0; attempt < READY_POLLS; attempt += 1) {
    const current = await getExport(id, { signal });
    if (current.status !== 'pending') return current;
    await sleep(READY_POLL_MS, signal);
  }
  throw new Error('The export is taking longer than expected. Try again in a minute.');
}

/**
 * Starts an export and follows it: `onProgress(task)` with every task state (socket frames, else polling), then
 * downloads the file. Resolves the ready export; rejects with the reason it failed (a message safe to show).
 */
export async function runExport(body, { onProgress, onRetry, signal } = {}) {
  const started = await startExport(body);
  onProgress?.({ status: 'queued', progress: { done: 0, total: 1 } });
  const task = await pollTask(started.task_id, { onUpdate: onProgress, onRetry, signal });
  if (task.status !== 'succeeded') throw new Error(task.error?.message || `The export ${task.status === 'cancelled' ? 'was cancelled' : 'failed'}.`);
  const ready = await settledExport(started.export.id, signal);
  if (ready.status !== 'ready') throw new Error(ready.failure || 'The export failed. Please try again.');
  await downloadFile(ready.download_url, ready.filename, { signal });
  return ready;
}
