// The wall protocol's client side (docs/wall-protocol.md), one for the wall and the operator console: /ws/wall,
// one `seq` for tiles and alarms, resuming with ?since=seq after a break so that nothing is missed or repeated,
// reconnecting with a backoff, and treating silence as a dead connection (the server's heartbeat comes every 5 s,
// so a socket that heard nothing for three of them is closed and opened again, even if the browser has not noticed).
import { closed } from '../session.js';

const SILENCE_MS = 15000;
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 10000;
const REPORT_EVERY_MS = 2000;
const DATA = new Set(['snapshot', 'delta', 'alarms']);

/** How far the server's indicator engine is behind its own clock, by a heartbeat (Infinity when it never evaluated). */
export const engineLag = heartbeat => (heartbeat.evaluatedAt
  ? Date.parse(heartbeat.time) - Date.parse(heartbeat.evaluatedAt) : Infinity);

/**
 * Opens the socket and keeps it open. client: 'console' for a page that is no wall (GET /api/v1/walls lists walls
 * only, and a console in a background tab must not raise wall-frozen); reports: whether the page reports what it
 * rendered (walls do). onState('connecting' | 'live' | 'down'); onHeartbeat(m); onData(m, receivedAt) for a snapshot,
 * delta or alarms message that moves seq forward. probe and onForbidden: how session.js tells a session that ended
 * (to the sign-in page) from a role taken away.
 */
export function connectWall({ client = null, reports = false, probe, onForbidden, onState, onHeartbeat = () => {}, onData }) {
  let seq = null;
  let ws = null;
  let lastMessage = 0;
  let retry = FIRST_RETRY_MS;

  function url() {
    const base = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/wall`;
    const query = [client && `client=${client}`, seq !== null && `since=${seq}`].filter(Boolean).join('&');
    return query ? `${base}?${query}` : base;
  }

  function connect() {
    onState('connecting');
    const socket = new WebSocket(url());
    ws = socket;
    socket.onmessage = ev => {
      lastMessage = Date.now();
      const receivedAt = performance.now();
      const m = JSON.parse(ev.data);
      if (m.type === 'heartbeat') {
        onState('live');
        onHeartbeat(m);
        return;
      }
      if (!DATA.has(m.type)) return;
      if (m.type !== 'snapshot' && seq !== null && m.seq <= seq) return; // never go backwards
      seq = m.seq;
      onData(m, receivedAt);
      onState('live');
      if (reports) rendered(m.seq, receivedAt, m.type === 'snapshot');
    };
    socket.onclose = event => {
      if (ws !== socket) return;
      ws = null;
      onState('down');
      closed(event, probe, onForbidden);
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, MAX_RETRY_MS);
    };
    socket.onopen = () => { retry = FIRST_RETRY_MS; lastMessage = Date.now(); };
  }

  setInterval(() => {
    if (ws && ws.readyState === WebSocket.OPEN && Date.now() - lastMessage > SILENCE_MS) ws.close();
  }, 1000);

  // The render report: the last seq rendered, counted once the next frame is painted (a hung or hidden tab stops
  // painting, so its seq stops advancing), and how long that took from the message's arrival.
  let renderedSeq = null;
  let renderLag = 0;
  function rendered(value, receivedAt, reset) {
    requestAnimationFrame(() => {
      if (reset || renderedSeq === null || value > renderedSeq) renderedSeq = value;
      renderLag = Math.round(performance.now() - receivedAt);
    });
  }
  if (reports) {
    setInterval(() => {
      if (ws && ws.readyState === WebSocket.OPEN && renderedSeq !== null) {
        ws.send(JSON.stringify({ type: 'report', seq: renderedSeq, lag: renderLag }));
      }
    }, REPORT_EVERY_MS);
  }

  connect();
}
