// Durable-task polling (CONTRACT-3 "Durable tasks"): GET /api/tasks/:id every second until the task is finished,
// backing off on errors; DELETE /api/tasks/:id asks the runner to cancel.
//   Task JSON: {id, kind, status: queued|running|succeeded|failed|cancelled, progress {done, total, message},
//               result?, error? {code, message}}

import { api } from './api.js';

export const FINISHED_STATUSES = new Set(['succeeded', 'failed', 'cancelled']);

const INTERVAL_MS = 1000;
const MAX_BACKOFF_MS = 15000;
const MAX_CONSECUTIVE_ERRORS = 8;

export function getTask(id, { signal } = {}) {
  return api(`/api/tasks/${encodeURIComponent(id)}`, { signal });
}

/** Requests cancellation. Resolves the task JSON, or null when it had already finished (409). */
export async function cancelTask(id) {
  try {
    return await api(`/api/tasks/${encodeURIComponent(id)}`, { method: 'DELETE' });
  } catch (error) {
    if (error.status === 409) return null;
    throw error;
  }
}

/**
 * Polls a task until it reaches a finished status and resolves that task. `onUpdate(task)` runs after every
 * successful poll (also the last one). Errors back off (1 s, 2 s, 4 s … 15 s); `onRetry(error, delayMs)` is told.
 * A 401/403/404 or too many consecutive errors rejects. `signal` aborts (rejects with an AbortError).
 */
export function pollTask(id, { onUpdate, onRetry, signal, interval = INTERVAL_MS } = {}) {
  return new Promise((resolve, reject) => {
    let timer = null;
    let errors = 0;

    const abort = () => {
      window.clearTimeout(timer);
      reject(new DOMException('Polling stopped', 'AbortError'));
    };
    if (signal?.aborted) return abort();
    signal?.addEventListener('abort', abort, { once: true });

    const finish = (settle, value) => {
      window.clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      settle(value);
    };

    async function tick() {
      let task;
      try {
        task = await getTask(id, { signal });
      } catch (error) {
        if (signal?.aborted) return;
        errors += 1;
        if ([401, 403, 404].includes(error.status) || errors >= MAX_CONSECUTIVE_ERRORS) return finish(reject, error);
        const retryAfter = error.retryAfter ? error.retryAfter * 1000 : 0;
        const delay = Math.max(retryAfter, Math.min(MAX_BACKOFF_MS, interval * 2 ** (errors - 1)));
        onRetry?.(error, delay);
        timer = window.setTimeout(tick, delay);
        return;
      }
      if (signal?.aborted) return;
      errors = 0;
      onUpdate?.(task);
      if (FINISHED_STATUSES.has(task.status)) return finish(resolve, task);
      timer = window.setTimeout(tick, interval);
    }

    tick();
  });
}

/** 0…1 from a task's progress (null when unknown). */
export function progressFraction(task) {
  const done = Number(task?.progress?.done);
  const total = Number(task?.progress?.total);
  if (!Number.isFinite(done) || !Number.isFinite(total) || total <= 0) return null;
  return Math.min(1, Math.max(0, done / total));
}
