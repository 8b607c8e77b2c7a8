// The map's words: the sea's name and the kelurahan names, placed where they cover no station, dot or other name.
import { $, state } from './state.js';

export const NS = 'http://www.w3.org/2000/svg';
export const MARKER_R = 13; // a station's radius on the map drawn from boundaries

/** The sea's name in the open water east of the coast: the highest place where it clears the land, else the widest. */
export function seaLabel(rows, W) {
  const label = $('#map .sea-label');
  if (!label || !rows.length) return;
  const box = label.getBBox();
  const clear = (y, h) => Math.min(...rows.filter(r => r[0] >= y - h && r[0] <= y + h * 0.3).map(r => W - 12 - r[2]), W);
  const inner = rows.slice(Math.floor(rows.length * 0.05), Math.ceil(rows.length * 0.95));
  let best = null;
  for (const r of inner) {
    const room = clear(r[0], box.height);
    if (room >= box.width + 10) { best = { y: r[0], room }; break; }
    if (!best || room > best.room) best = { y: r[0], room };
  }
  label.setAttribute('y', best.y.toFixed(0));
  if (best.room < box.width + 10) label.setAttribute('textLength', Math.max(60, best.room - 10).toFixed(0));
}

/**
 * The kelurahan names: below their stations if there is room, else above, beside, or a little further away;
 * never over another name or a station where any place is free.
 */
export function placeLabels(W, H, obstacles, labelAt, slots) {
  const g = $('#map .labels');
  const placed = [...obstacles];
  const overlap = (a, b) => Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0])) * Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  // The dense centre first: its names have the fewest places to go.
  const order = [...state.areas].sort((p, q) => crowd(q) - crowd(p));
  function crowd(a) {
    const [x, y] = labelAt.get(a.slug);
    return [...labelAt.values()].filter(([u, v]) => Math.hypot(u - x, v - y) < 90).length;
  }
  // The dots of kelurahan without stations first: a name placed earlier must not land on a later one's dot.
  const stationed = new Set([...slots.keys()].map(id => (state.tiles.get(id) || {}).area));
  for (const a of state.areas) {
    if (stationed.has(a.slug)) continue;
    const [x, y] = labelAt.get(a.slug);
    const dot = document.createElementNS(NS, 'circle');
    dot.setAttribute('class', 'anchor');
    dot.setAttribute('cx', x.toFixed(1));
    dot.setAttribute('cy', y.toFixed(1));
    dot.setAttribute('r', '5');
    g.appendChild(dot);
    placed.push([x - 6, y - 6, x + 6, y + 6]);
  }
  for (const a of order) {
    const [x, y] = labelAt.get(a.slug);
    const el = document.createElementNS(NS, 'text');
    el.setAttribute('class', 'area-label');
    el.dataset.area = a.slug;
    el.textContent = a.name;
    g.appendChild(el);
    el.setAttribute('x', x);
    el.setAttribute('y', y);
    el.dataset.alarm = '4'; // measured in bold, as a kelurahan with an alarm shows its name, so that it still fits then
    const box = el.getBBox();
    delete el.dataset.alarm;
    const w = box.width;
    const h = box.height;
    const hasStations = stationed.has(a.slug);
    const below = hasStations ? MARKER_R * 0.6 : 8;
    const side = hasStations ? MARKER_R * 2 : 10;
    const near = [[0, below], [0, hasStations ? -MARKER_R * 2.6 - h : -8 - h], [w / 2 + side, -h / 2], [-w / 2 - side, -h / 2],
      [w / 2 + MARKER_R, below + h * 0.6], [-w / 2 - MARKER_R, below + h * 0.6],
      [w / 2 + MARKER_R, -MARKER_R * 2 - h], [-w / 2 - MARKER_R, -MARKER_R * 2 - h]];
    // Further away, all round, with a leader line back to the place.
    const far = [];
    for (const d of [2.5, 4, 5.5]) {
      for (let i = 0; i < 16; i++) {
        const angle = i * Math.PI / 8;
        far.push([Math.cos(angle) * (w / 2 + d * h * 0.6), Math.sin(angle) * d * h - h / 2]);
      }
    }
    let best = null;
    for (const [dx, dy, isFar] of [...near, ...far.map(c => [...c, true])]) {
      const r = [x + dx - w / 2 - 6, y + dy, x + dx + w / 2 + 6, y + dy + h];
      const out = (r[0] < 2 || r[2] > W - 2 || r[1] < 2 || r[3] > H - 2) ? 10 * w * h : 0;
      const distance = Math.hypot(dx, dy + h / 2);
      // Covering a name, a station or a dot costs far more than going further away with a leader line.
      const cost = out + 20 * placed.reduce((n, p) => n + overlap(r, p), 0) + distance * h * (isFar ? 0.12 : 0.04);
      if (!best || cost < best.cost) best = { cost, r, isFar };
    }
    const cx = (best.r[0] + best.r[2]) / 2;
    el.setAttribute('x', cx.toFixed(1));
    el.setAttribute('y', (best.r[1] + h * 0.78).toFixed(1));
    if (best.isFar) {
      const tx = Math.max(best.r[0] + 6, Math.min(best.r[2] - 6, x));
      const ty = Math.max(best.r[1], Math.min(best.r[3], y));
      const line = document.createElementNS(NS, 'line');
      line.setAttribute('class', 'leader');
      line.setAttribute('x1', x.toFixed(1));
      line.setAttribute('y1', y.toFixed(1));
      line.setAttribute('x2', tx.toFixed(1));
      line.setAttribute('y2', ty.toFixed(1));
      g.insertBefore(line, g.firstChild);
    }
    placed.push(best.r); // (the box keeps a margin either side, so that two names never read as one)
  }
}
