// The tab's one WebSocket to cohorta-ws (docs/realtime.md): `auth` as the first frame, `hello`, then session rooms,
// the private channel (task.progress, balance.changed) and commands with request ids. A dropped connection comes
// back by itself with exponential backoff and jitter (1 s … 30 s) and re-joins every room with the last seq its
// page has shown. Close 4001 (not authenticated) stops the retries until a different usable token exists; 4029 (too
// many connections) retries slowly and says why. Pages never depend on it: while `connected` is false they poll.

import { getToken, isTokenUsable, watchTokenFromOtherTabs } from './token.js';

const MIN_DELAY_MS = 1000;
const MAX_DELAY_MS = 30000;
const HELLO_TIMEOUT_MS = 10000;
const REPLY_TIMEOUT_MS = 15000;
const SILENCE_GRACE_MS = 15000;
const OFFLINE_AFTER_FAILURES = 3;

const CLOSE_UNAUTHENTICATED = 4001;
const CLOSE_TOO_MANY = 4029;

/** A command or join the server answered with `error`: the server's `code` and `message` (safe to show). */
export class LiveError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'LiveError';
    this.code = code;
  }
}

/** Equal jitter: half the exponential delay, plus a random share of the other half. */
export function backoffDelay(failures, random = Math.random) {
  const ceiling = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

function createLiveSocket() {
  let socket = null;
  let wanted = false; // start() was called and stop() was not
  let connected = false;
  let everConnected = false;
  let failures = 0;
  let retryAt = 0;
  let lastHeard = 0;
  const timers = { retry: 0, hello: 0, heartbeat: 0 };
  let authedToken = null; // the token the current socket sent
  let refusedToken = null; // the token the server closed with 4001: wait for another one
  let reconnectAtOnce = false;
  let reason = null; // why the socket is not connected, when the user can do something about it
  let nextRequest = 0;
  const pending = new Map(); // request_id → {resolve, reject, timer}
  const rooms = new Map(); // session_id → {afterSeq(), onEvent(frame), joined}
  const stateListeners = new Set();
  const privateListeners = new Map(); // type → Set(listener)

  // ---- State ------------------------------------------------------------------------------------------------
  /** connected | reconnecting | offline, with the retry time and a reason when there is one. */
  function state() {
    if (connected) return { status: 'connected', reason: null, retryAt: 0, canRetry: false, everConnected };
    const browserOffline = navigator.onLine === false;
    const stuck = !wanted || blocked() || reason !== null || browserOffline || failures >= OFFLINE_AFTER_FAILURES;
    const signedOut = refusedToken !== null && blocked();
    const why = browserOffline ? 'This device is offline.' : signedOut ? 'sign in again to turn them back on.' : reason;
    return { status: stuck ? 'offline' : 'reconnecting', reason: why, retryAt: socket ? 0 : retryAt, canRetry: wanted && !blocked() && !socket, everConnected };
  }

  function announce() {
    const current = state();
    for (const listener of stateListeners) listener(current);
  }

  // ---- Connecting -------------------------------------------------------------------------------------------
  /** No usable token, or only the one the server refused: wait for a sign-in. */
  function blocked() {
    const token = getToken();
    return !isTokenUsable(token) || token === refusedToken;
  }

  function connect() {
    window.clearTimeout(timers.retry);
    if (!wanted || socket) return;
    if (blocked()) {
      announce();
      return;
    }
    const token = getToken();
    refusedToken = null;
    authedToken = token;
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    let opened;
    try {
      opened = new WebSocket(`${scheme}//${window.location.host}/ws`);
    } catch {
      failures += 1;
      scheduleRetry(backoffDelay(failures));
      return;
    }
    socket = opened;
    opened.addEventListener('open', () => {
      opened.send(JSON.stringify({ type: 'auth', token }));
      timers.hello = window.setTimeout(() => opened.close(), HELLO_TIMEOUT_MS);
    });
    opened.addEventListener('message', (event) => receive(opened, event.data));
    opened.addEventListener('close', (event) => closed(opened, event.code, token));
    announce();
  }

  function closed(which, code, token) {
    if (socket !== which) return;
    socket = null;
    connected = false;
    window.clearTimeout(timers.hello);
    window.clearInterval(timers.heartbeat);
    for (const room of rooms.values()) room.joined = false;
    for (const [id, waiter] of pending) settle(id, waiter.reject, new LiveError('disconnected', 'The live connection dropped before the server confirmed. Check the discussion before sending again.'));
    reason = null;
    if (code === CLOSE_UNAUTHENTICATED) refusedToken = token;
    if (code === CLOSE_TOO_MANY) reason = 'too many Cohorta tabs are open. Close some to get live updates here.';
    for (const room of rooms.values()) room.onEvent({ type: 'disconnected' });
    if (reconnectAtOnce) {
      reconnectAtOnce = false;
      connect();
      return;
    }
    failures += 1;
    scheduleRetry(code === CLOSE_TOO_MANY ? MAX_DELAY_MS : backoffDelay(failures));
  }

  function scheduleRetry(delay) {
    window.clearTimeout(timers.retry);
    retryAt = 0;
    if (wanted && !blocked()) {
      retryAt = Date.now() + delay;
      timers.retry = window.setTimeout(connect, delay);
    }
    announce();
  }

  function welcomed(which, hello) {
    window.clearTimeout(timers.hello);
    connected = true;
    everConnected = true;
    failures = 0;
    reason = null;
    const beat = Math.max(5, Number(hello.heartbeat_seconds) || 30) * 1000;
    timers.heartbeat = window.setInterval(() => {
      if (Date.now() - lastHeard > beat + SILENCE_GRACE_MS) which.close();
      else write({ type: 'ping' });
    }, beat);
    for (const [sessionId, room] of rooms) join(sessionId, room);
    announce();
  }

  // ---- Frames -----------------------------------------------------------------------------------------------
  function receive(which, data) {
    if (socket !== which) return;
    lastHeard = Date.now();
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (!frame || typeof frame.type !== 'string') return;
    if (!connected) {
      if (frame.type === 'hello') welcomed(which, frame);
      return;
    }
    if (frame.request_id && pending.has(frame.request_id)) {
      const waiter = pending.get(frame.request_id);
      if (frame.type === 'error') settle(frame.request_id, waiter.reject, new LiveError(frame.code, frame.message || 'The server refused this.'));
      else settle(frame.request_id, waiter.resolve, frame);
      if (frame.type !== 'joined') return;
    }
    const room = frame.session_id ? rooms.get(frame.session_id) : null;
    if (room) {
      if (frame.type === 'joined') room.joined = true;
      room.onEvent(frame);
      return;
    }
    for (const listener of privateListeners.get(frame.type) ?? []) listener(frame);
  }

  function write(frame) {
    if (!connected || socket?.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  function settle(id, outcome, value) {
    const waiter = pending.get(id);
    if (!waiter) return;
    pending.delete(id);
    window.clearTimeout(waiter.timer);
    outcome(value);
  }

  /** Sends `{type, ...fields, request_id}` and resolves the reply carrying that id; rejects on `error`. */
  function request(type, fields = {}) {
    return new Promise((resolve, reject) => {
      nextRequest += 1;
      const id = `r${nextRequest}`;
      if (!write({ type, ...fields, request_id: id })) {
        reject(new LiveError('disconnected', 'Not connected to live updates.'));
        return;
      }
      const timer = window.setTimeout(() => settle(id, reject, new LiveError('timeout', 'The server did not answer in time. Check the discussion before sending again.')), REPLY_TIMEOUT_MS);
      pending.set(id, { resolve, reject, timer });
    });
  }

  function join(sessionId, room) {
    room.joined = false;
    request('join', { session_id: sessionId, after_seq: room.afterSeq() }).catch((error) => room.onEvent({ type: 'error', code: error.code, message: error.message }));
  }

  // ---- Token changes ----------------------------------------------------------------------------------------
  /** A new token (sign-in, password change, another tab): a socket on the old one reconnects with it at once. */
  function tokenChanged() {
    if (!wanted || getToken() === authedToken && socket) return;
    if (socket) {
      reconnectAtOnce = true;
      socket.close(1000);
    } else {
      connect();
    }
  }
  window.addEventListener('user_changed', (event) => (event.detail ? tokenChanged() : stop()));
  watchTokenFromOtherTabs(tokenChanged);
  window.addEventListener('online', () => {
    if (wanted && !socket) connect();
  });
  window.addEventListener('offline', announce);

  // ---- Public -----------------------------------------------------------------------------------------------
  function start() {
    wanted = true;
    connect();
  }

  function stop() {
    wanted = false;
    reconnectAtOnce = false;
    window.clearTimeout(timers.retry);
    socket?.close(1000);
    announce();
  }

  return {
    start,
    stop,
    /** Connects now instead of waiting for the next retry. */
    retryNow: () => {
      reason = null;
      connect();
    },
    get connected() {
      return connected;
    },
    state,
    /** Calls listener(state()) now and on every change. Returns the unsubscribe function. */
    onState(listener) {
      stateListeners.add(listener);
      listener(state());
      return () => stateListeners.delete(listener);
    },
    /** Private-channel frames of one type (`task.progress`, `balance.changed`). Returns the unsubscribe function. */
    onPrivate(type, listener) {
      if (!privateListeners.has(type)) privateListeners.set(type, new Set());
      privateListeners.get(type).add(listener);
      return () => privateListeners.get(type).delete(listener);
    },
    /**
     * Watches a session room, now and after every reconnect. afterSeq() is the last seq the page shows; onEvent(frame)
     * gets the room's frames, `joined`, `error` (the join failed) and `disconnected`. Returns the leave function.
     */
    join(sessionId, { afterSeq, onEvent }) {
      const room = { afterSeq, onEvent, joined: false };
      rooms.set(sessionId, room);
      if (connected) join(sessionId, room);
      return () => {
        if (rooms.get(sessionId) !== room) return;
        rooms.delete(sessionId);
        write({ type: 'leave', session_id: sessionId });
      };
    },
    /** Is the room joined (its catch-up is done) on the current connection? */
    isJoined: (sessionId) => connected && Boolean(rooms.get(sessionId)?.joined),
    /** A command (interject, mention, say, pause, cancel, take_over, hand_back, resume): resolves `command.accepted`. */
    command: (type, fields) => request(type, fields),
  };
}

/** The tab's socket. The app shell starts it once signed in. */
export const liveSocket = createLiveSocket();
