// A minimal STOMP 1.2 client over the browser's WebSocket: CONNECT with the bearer token,
// SUBSCRIBE, MESSAGE frames to callbacks, heart-beats off. Enough for the live board, the
// drop counter and chat; it reports failure so callers can fall back to polling.

export function connect(url, accessToken, { onClose } = {}) {
  return new Promise((resolve, reject) => {
    let socket;
    try {
      socket = new WebSocket(url);
    } catch (error) {
      reject(error);
      return;
    }
    const handlers = new Map();
    let seq = 0;
    let connected = false;
    const send = (command, headers = {}, body = '') => socket.send(
      `${command}\n${Object.entries(headers).map(([k, v]) => `${k}:${v}`).join('\n')}\n\n${body}\0`);
    socket.onopen = () => send('CONNECT', { 'accept-version': '1.2', host: location.host, 'heart-beat': '0,0', Authorization: `Bearer ${accessToken}` });
    socket.onerror = () => { if (!connected) reject(new Error('WebSocket unavailable')); };
    socket.onclose = () => { if (connected && onClose) onClose(); if (!connected) reject(new Error('WebSocket closed')); };
    socket.onmessage = event => {
      for (const raw of String(event.data).split('\0')) {
        const frame = parse(raw);
        if (!frame) continue;
        if (frame.command === 'CONNECTED') {
          connected = true;
          resolve({
            subscribe(destination, callback) {
              const id = `s${++seq}`;
              handlers.set(id, callback);
              send('SUBSCRIBE', { id, destination });
              return () => { handlers.delete(id); send('UNSUBSCRIBE', { id }); };
            },
            send(destination, body) { send('SEND', { destination, 'content-type': 'application/json' }, JSON.stringify(body)); },
            close() { connected = false; socket.close(); },
          });
        } else if (frame.command === 'MESSAGE') {
          const handler = handlers.get(frame.headers.subscription);
          if (handler) handler(safeJson(frame.body), frame.headers);
        } else if (frame.command === 'ERROR' && !connected) {
          reject(new Error(frame.headers.message || 'STOMP error'));
          socket.close();
        }
      }
    };
  });
}

function parse(raw) {
  const text = raw.replace(/^\n+/, '');
  if (!text) return null;
  const split = text.indexOf('\n\n');
  const head = (split < 0 ? text : text.slice(0, split)).split('\n');
  const headers = {};
  head.slice(1).forEach(line => { const i = line.indexOf(':'); if (i > 0 && !(line.slice(0, i) in headers)) headers[line.slice(0, i)] = line.slice(i + 1); });
  return { command: head[0], headers, body: split < 0 ? '' : text.slice(split + 2) };
}

function safeJson(text) {
  try { return JSON.parse(text); } catch { return text; }
}

/** ws(s)://this-host/ws */
export function endpoint() {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}
