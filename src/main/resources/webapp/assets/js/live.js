// "Tell me when this changes": the WebSocket topic when the server has one, polling when
// it does not (or the socket drops). Pages call follow() and get one callback either way.
import * as api from './api.js';
import { faults } from './api.js';
import { connect, endpoint } from './stomp.js';

let shared = null;

async function client() {
  if (!shared) {
    shared = connect(endpoint(), api.token(), { onClose: () => { shared = null; } }).catch(error => { shared = null; throw error; });
  }
  return shared;
}

/**
 * Calls onChange on every event of the topic; falls back to calling it every pollMs when
 * the WebSocket transport is not there. Returns a function that stops following.
 */
export function follow(topic, onChange, pollMs = 3000) {
  let stopped = false;
  let unsubscribe = null;
  let timer = null;
  const poll = () => { if (!stopped) { timer = setInterval(() => onChange(null), pollMs); } };
  client().then(stomp => {
    if (stopped) return;
    unsubscribe = stomp.subscribe(topic, event => { if (!faults.holdLive) onChange(event); });
  }).catch(poll);
  return () => { stopped = true; clearInterval(timer); if (unsubscribe) unsubscribe(); };
}
