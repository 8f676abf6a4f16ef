// Durable-task progress (CONTRACT-3 "Durable tasks"): the live socket's `task.progress` frames when it is connected,
// else GET /api/tasks/:id every second until the task is finished, backing off on errors; DELETE /api/tasks/:id asks
// the runner to cancel.
//   Task JSON: {id, kind, status: queued|running|succeeded|failed|cancelled, progress {done, total, message},
//               result?, error? {code, message}}

import { api } from './api.js';
import { liveSocket } from './live-socket.js';

export const FINISHED_STATUSES = new Set(['succeeded', 'failed', 'cancelled']);

const INTERVAL_MS = 1000;
const LIVE_SAFETY_MS = 15000;
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
 * Follows a task until it reaches a finished status and resolves that task. `onUpdate(task)` runs on every newer
 * state (also the last one). While the tab's live socket is connected the updates are its `task.progress` frames
 * (with one read on connecting, and a slow read as a safety net); otherwise it polls every `interval`. Errors back
 * off (1 s, 2 s, 4 s … 15 s); `onRetry(error, delayMs)` is told. A 401/403/404 or too many consecutive errors
 * rejects. `signal` aborts (rejects with an AbortError).
 */
export function pollTask(id, { onUpdate, onRetry, signal, interval = INTERVAL_MS } = {}) {
  return new Promise((resolve, reject) => {
    let timer = null;
    let errors = 0;
    let newest = 0; // updated_at of the newest state shown
    let settled = false;
    let wasConnected = null;
    const unsubscribe = [];

    const finish = (settle, value) => {
      if (settled) return;
      settled = true;
      window.clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      unsubscribe.forEach((stop) => stop());
      settle(value);
    };
    const abort = () => finish(reject, new DOMException('Polling stopped', 'AbortError'));
    if (signal?.aborted) return abort();
    signal?.addEventListener('abort', abort, { once: true });

    const schedule = (delay) => {
      window.clearTimeout(timer);
      if (!settled) timer = window.setTimeout(tick, delay);
    };

    function show(task) {
      const updated = Date.parse(task.updated_at) || 0;
      if (settled || updated < newest) return;
      newest = updated;
      onUpdate?.(task);
      if (FINISHED_STATUSES.has(task.status)) finish(resolve, task);
    }

    async function tick() {
      let task;
      try {
        task = await getTask(id, { signal });
      } catch (error) {
        if (signal?.aborted || settled) return;
        errors += 1;
        if ([401, 403, 404].includes(error.status) || errors >= MAX_CONSECUTIVE_ERRORS) return finish(reject, error);
        const retryAfter = error.retryAfter ? error.retryAfter * 1000 : 0;
        const delay = Math.max(retryAfter, Math.min(MAX_BACKOFF_MS, interval * 2 ** (errors - 1)));
        onRetry?.(error, delay);
        schedule(delay);
        return;
      }
      errors = 0;
      show(task);
      schedule(liveSocket.connected ? LIVE_SAFETY_MS : interval);
    }

    unsubscribe.push(liveSocket.onPrivate('task.progress', (frame) => frame.task?.id === id && show(frame.task)));
    // Called at once (the first read) and whenever the socket connects or drops: read now, then follow that way.
    unsubscribe.push(
      liveSocket.onState(({ status }) => {
        const connected = status === 'connected';
        if (connected === wasConnected) return;
        wasConnected = connected;
        schedule(0);
      }),
    );
  });
}

/** 0…1 from a task's progress (null when unknown). */
export function progressFraction(task) {
  const done = Number(task?.progress?.done);
  const total = Number(task?.progress?.total);
  if (!Number.isFinite(done) || !Number.isFinite(total) || total <= 0) return null;
  return Math.min(1, Math.max(0, done / total));
}
