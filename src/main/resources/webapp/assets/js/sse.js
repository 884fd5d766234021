// A parser for text/event-stream (the WHATWG "server-sent events" format) fed chunk by
// chunk. EventSource would parse it for us but can only GET; the ask page POSTs its
// question and reads the answer's body with fetch, so it parses the frames itself.
//
// A frame is a run of lines ended by a blank line. "event: x" names it (default
// "message"), each "data: …" adds a line to its data (joined with "\n"), a line starting
// with ":" is a comment (a keep-alive), other fields (id, retry) are not needed here.
// Lines end with \n, \r\n or \r, and a chunk may end anywhere, even between \r and \n.

/**
 * Returns a parser: push(text) with each decoded chunk, end() when the body is done.
 * onEvent({event, data}) is called once per complete frame that carried data.
 */
export function parser(onEvent) {
  let buffer = '';
  let event = '';
  let data = [];
  let hasData = false;
  let pendingCr = false;

  const dispatch = () => {
    if (hasData) onEvent({ event: event || 'message', data: data.join('\n') });
    event = '';
    data = [];
    hasData = false;
  };

  const line = text => {
    if (text === '') { dispatch(); return; }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const name = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (name === 'event') event = value;
    else if (name === 'data') { data.push(value); hasData = true; }
  };

  return {
    push(chunk) {
      let text = chunk;
      // A \r ended the last chunk: a \n opening this one belongs to the same line end.
      if (pendingCr && text.startsWith('\n')) text = text.slice(1);
      pendingCr = false;
      buffer += text;
      const pattern = /\r\n|\r|\n/g;
      let start = 0;
      let match;
      while ((match = pattern.exec(buffer)) !== null) {
        if (match[0] === '\r' && match.index === buffer.length - 1) pendingCr = true;
        line(buffer.slice(start, match.index));
        start = match.index + match[0].length;
      }
      buffer = buffer.slice(start);
    },
    /** The stream ended: a frame without its closing blank line is dropped, as the spec says. */
    end() {
      buffer = '';
      event = '';
      data = [];
      hasData = false;
    },
  };
}

/** All frames of a complete text, for tests and small bodies. */
export function parseAll(text) {
  const frames = [];
  const p = parser(frame => frames.push(frame));
  p.push(text);
  p.end();
  return frames;
}

/**
 * The text of a delta frame's data: a JSON string, or an object with a text field; data
 * that is not JSON at all is taken as it is.
 */
export function deltaText(data) {
  let value;
  try { value = JSON.parse(data); } catch { return data; }
  if (typeof value === 'string') return value;
  if (value && typeof value.text === 'string') return value.text;
  return '';
}
