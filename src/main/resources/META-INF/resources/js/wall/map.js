// The map of the kelurahan.
// With the areas' boundaries (GET /api/v1/areas/geojson): the kelurahan drawn as they are, shaded by the worst
// status of their tiles, the flood-prone ones hatched, the sea east of the coast, the land beyond the city's border
// muted, each station inside its kelurahan around the label point, and the boundaries' credit under the map.
// Without them: the schematic map, kelurahan at their label points. Either way g.area[data-area] carries the
// alarm shading (data-alarm) and the status (data-status).
import { i18n, t } from './text.js';
import { $, state, view } from './state.js';
import { escape, exact, text } from './format.js';
import { MARKER_R, NS, placeLabels, seaLabel } from './labels.js';

const markers = new Map(); // tile id -> its station's SVG element
let project = null; // (lat, lon) -> [x, y] in the SVG's viewBox
let slots = new Map(); // tile id -> [x, y] of its marker
let labelAt = new Map(); // area slug -> [x, y] of its label point, projected
let alarmWorst = new Map(); // area slug -> worst alarm severity, kept for a redraw of the map

export function drawMap() {
  const shapes = state.geo && Array.isArray(state.geo.features)
    ? state.geo.features.filter(f => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon')) : [];
  if (shapes.length) drawShapes(shapes);
  else if (state.areas.length) drawSchematic();
  else return;
  markers.clear();
  state.tiles.forEach(marker);
  legend(shapes.length > 0);
  shadeAlarms(alarmWorst);
  shadeStatus();
}

const ringsOf = f => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flat();
const pathOf = rings => rings.map(r => 'M' + r.map(([lon, lat]) => project(lat, lon).map(n => n.toFixed(1)).join(','))
  .join('L') + 'Z').join('');

/** Whether a projected point is inside the projected rings (even-odd). */
function inside(rings, x, y) {
  let c = false;
  for (const r of rings) {
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const [xi, yi] = r[i];
      const [xj, yj] = r[j];
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) c = !c;
    }
  }
  return c;
}

function drawShapes(shapes) {
  const svg = $('#map');
  let minLon = Infinity; let maxLon = -Infinity; let minLat = Infinity; let maxLat = -Infinity;
  shapes.forEach(f => ringsOf(f).forEach(r => r.forEach(([lon, lat]) => {
    minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon); minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
  })));
  const padLon = (maxLon - minLon) * 0.03;
  const padLat = (maxLat - minLat) * 0.03;
  const k = Math.cos((minLat + maxLat) / 2 * Math.PI / 180);
  const W = 1000;
  const scale = W / ((maxLon - minLon + 2 * padLon) * k);
  const H = Math.round((maxLat - minLat + 2 * padLat) * scale);
  project = (lat, lon) => [(lon - minLon + padLon) * k * scale, (maxLat + padLat - lat) * scale];
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.dataset.mode = 'shapes';

  const projected = shapes.map(f => ({ f, rings: ringsOf(f).map(r => r.map(([lon, lat]) => project(lat, lon))) }));
  // The land beyond the city's border: everything west of its westernmost edge, and north and south of it up to
  // its east edge there. The Makassar Strait is east; what is left over is sea.
  const rows = [];
  for (let i = 0; i <= 160; i++) {
    const y = project(maxLat, 0)[1] + (project(minLat, 0)[1] - project(maxLat, 0)[1]) * (0.002 + 0.996 * i / 160);
    let west = Infinity;
    let east = -Infinity;
    projected.forEach(p => p.rings.forEach(r => {
      for (let a = 0, b = r.length - 1; a < r.length; b = a++) {
        const [xa, ya] = r[a];
        const [xb, yb] = r[b];
        if ((ya > y) !== (yb > y)) {
          const x = xa + (y - ya) * (xb - xa) / (yb - ya);
          west = Math.min(west, x);
          east = Math.max(east, x);
        }
      }
    }));
    if (west < Infinity) rows.push([y, west, east]);
  }
  let html = '<defs>'
    + '<pattern id="hz-tidal-flood" patternUnits="userSpaceOnUse" width="14" height="14" patternTransform="rotate(45)">'
    + '<line x1="0" y1="0" x2="0" y2="14" class="hatch tidal"/></pattern>'
    + '<pattern id="hz-rain-flood" patternUnits="userSpaceOnUse" width="14" height="14" patternTransform="rotate(-45)">'
    + '<line x1="0" y1="0" x2="0" y2="14" class="hatch rain"/></pattern></defs>'
    + `<rect class="sea" x="0" y="0" width="${W}" height="${H}"/>`;
  if (rows.length) {
    const top = rows[0];
    const bottom = rows[rows.length - 1];
    const edge = [[0, 0], [top[2], 0], [top[2], top[0]], ...rows.map(r => [r[1], r[0]]), [bottom[2], bottom[0]],
      [bottom[2], H], [0, H]];
    html += `<polygon class="hinterland" points="${edge.map(p => p.map(n => n.toFixed(1)).join(',')).join(' ')}"/>`;
    html += `<text class="sea-label" x="${W - 12}" y="0" text-anchor="end">${escape(t('sea'))}</text>`;
  }
  const known = new Set(state.areas.map(a => a.slug));
  labelAt = new Map();
  const bySlug = new Map();
  projected.forEach(p => {
    const slug = p.f.properties && p.f.properties.slug;
    if (!slug || !known.has(slug)) html += `<path class="land other" d="${pathOf(ringsOf(p.f))}"/>`;
    else bySlug.set(slug, p);
  });
  for (const a of state.areas) {
    const p = bySlug.get(a.slug);
    const label = p && Array.isArray(p.f.properties.label) ? p.f.properties.label : [a.lon, a.lat];
    const [x, y] = project(label[1], label[0]);
    labelAt.set(a.slug, [x, y]);
    const cls = 'area' + (a.hazard ? ' ' + a.hazard : '');
    if (p) {
      const d = pathOf(ringsOf(p.f));
      html += `<g class="${cls}" data-area="${escape(a.slug)}"><path class="land" d="${d}"/>`
        + (a.hazard ? `<path class="hazard" d="${d}" fill="url(#hz-${a.hazard})"/>` : '')
        + `<path class="halo" d="${d}"/></g>`;
    } else { // an area the boundaries do not have: a point, as on the schematic map
      html += `<g class="${cls}" data-area="${escape(a.slug)}"><circle class="halo" cx="${x}" cy="${y}" r="30"/>`
        + `<circle class="dot" cx="${x}" cy="${y}" r="12"/></g>`;
    }
  }
  html += '<g class="labels"></g>';
  svg.innerHTML = html;
  seaLabel(rows, W);

  // Each station inside its kelurahan: in a row around the label point, pulled in where the row would leave it.
  slots = new Map();
  const obstacles = [];
  for (const a of state.areas) {
    const here = [...state.tiles.values()].filter(x => x.area === a.slug && x.source && x.kind !== 'worst')
      .sort((p, q) => p.id.localeCompare(q.id));
    const [cx, cy] = labelAt.get(a.slug);
    const rings = bySlug.has(a.slug) ? bySlug.get(a.slug).rings : null;
    const step = MARKER_R * 2.4;
    here.forEach((x, i) => {
      let dx = (i - (here.length - 1) / 2) * step;
      let dy = -MARKER_R * 1.2;
      for (let tries = 0; tries < 4 && rings && !inside(rings, cx + dx, cy + dy); tries++) { dx *= 0.6; dy *= 0.6; }
      slots.set(x.id, [cx + dx, cy + dy]);
      obstacles.push([cx + dx - MARKER_R, cy + dy - MARKER_R, cx + dx + MARKER_R, cy + dy + MARKER_R]);
    });
  }
  placeLabels(W, H, obstacles, labelAt, slots);
}

// The schematic map, for a catalog without boundaries.
function drawSchematic() {
  const svg = $('#map');
  svg.dataset.mode = 'schematic';
  const lats = state.areas.map(a => a.lat);
  const lons = state.areas.map(a => a.lon);
  const pad = 0.012;
  const minLon = Math.min(...lons) - pad;
  const maxLon = Math.max(...lons) + pad * 2.2;
  const minLat = Math.min(...lats) - pad;
  const maxLat = Math.max(...lats) + pad;
  const W = 1000;
  const H = Math.round(W * (maxLat - minLat) / ((maxLon - minLon) * Math.cos(0.13 * Math.PI / 180)));
  svg.setAttribute('viewBox', `0 0 ${W} ${H + 60}`); // (room for the southernmost name)
  // Schematic, not survey: the sparse south (Bontang Lestari) is drawn closer, so the dense centre gets the room.
  const sorted = [...lats].sort((a, b) => a - b);
  const knee = sorted[Math.min(1, sorted.length - 1)] - pad;
  const warp = lat => lat >= knee ? 0.12 + 0.88 * (lat - knee) / (maxLat - knee) : 0.12 * (lat - minLat) / Math.max(1e-9, knee - minLat);
  project = (lat, lon) => [(lon - minLon) / (maxLon - minLon) * W, (1 - warp(lat)) * H];
  // A schematic coastline: the city faces the Makassar Strait to the east.
  const coast = [[0.21, 117.514], [0.175, 117.498], [0.15, 117.509], [0.128, 117.516], [0.108, 117.503], [0.08, 117.49],
    [0.04, 117.47]].map(([la, lo]) => project(la, lo).join(',')).join(' ');
  let html = `<polygon class="sea" points="${coast} ${W},${H + 60} ${W},0"/>`
    + `<text class="sea-label" x="${W - 20}" y="${H * 0.8}" text-anchor="end">${t('sea')}</text>`;
  slots = new Map();
  labelAt = new Map();
  for (const a of state.areas) {
    const [x, y] = project(a.lat, a.lon);
    labelAt.set(a.slug, [x, y]);
    html += `<g class="area ${a.hazard || ''}" data-area="${a.slug}"><circle class="halo" cx="${x}" cy="${y}" r="46"/>`
      + `<circle class="dot" cx="${x}" cy="${y}" r="20"/>`
      + `<text class="area-label" x="${x}" y="${y + 50}">${escape(a.name)}</text></g>`;
  }
  svg.innerHTML = html;
}

const SHAPES = { ispu: 'circle', flood: 'triangle', value: 'square' };
export function marker(x) {
  if (!project || !x.area || !x.source || x.kind === 'worst') return;
  if (!labelAt.has(x.area)) return;
  let m = markers.get(x.id);
  if (!m) {
    let at = slots.get(x.id);
    if (!at) { // a station the map was drawn without: around its area's point
      const here = [...markers.values()].filter(v => v.dataset.area === x.area).length;
      const [cx, cy] = labelAt.get(x.area);
      const angle = -Math.PI / 2 + here * Math.PI / 3;
      const d = $('#map').dataset.mode === 'shapes' ? MARKER_R * 2.2 : 34;
      at = [cx + Math.cos(angle) * d, cy + Math.sin(angle) * d];
    }
    const [px, py] = at;
    const r = $('#map').dataset.mode === 'shapes' ? MARKER_R : 17;
    const shape = SHAPES[x.kind] || 'square';
    m = document.createElementNS(NS, shape === 'circle' ? 'circle' : shape === 'triangle' ? 'polygon' : 'rect');
    if (shape === 'circle') { m.setAttribute('cx', px); m.setAttribute('cy', py); m.setAttribute('r', r); }
    else if (shape === 'triangle') m.setAttribute('points', `${px},${py - r * 1.2} ${px - r * 1.1},${py + r * 0.8} ${px + r * 1.1},${py + r * 0.8}`);
    else { m.setAttribute('x', px - r * 0.85); m.setAttribute('y', py - r * 0.85); m.setAttribute('width', r * 1.7); m.setAttribute('height', r * 1.7); }
    m.dataset.area = x.area;
    m.dataset.tile = x.id;
    m.appendChild(document.createElementNS(NS, 'title'));
    const labels = $('#map .labels');
    $('#map').insertBefore(m, labels || null);
    markers.set(x.id, m);
  }
  m.setAttribute('class', 'station ' + (x.freshness === 'stale' ? 'stale' : x.status));
  m.firstChild.textContent = (x.title[i18n.lang] || x.id) + ': ' + exact(x.value, x.unit);
}

// Each kelurahan takes the worst status of its tiles (stale ones count as stale, not as their last status).
const RANK = { critical: 4, warning: 3, stale: 2, normal: 1, unknown: 0 };
let shadeFrame = 0;
export function shadeSoon() {
  if (!shadeFrame) shadeFrame = requestAnimationFrame(() => { shadeFrame = 0; shadeStatus(); });
}
function shadeStatus() {
  const worst = new Map();
  state.tiles.forEach(tile => {
    const x = view(tile);
    if (!x.area || x.kind === 'worst' || x.freshness === 'no-data') return;
    const s = x.freshness === 'stale' ? 'stale' : x.status;
    if (!worst.has(x.area) || RANK[s] > RANK[worst.get(x.area)]) worst.set(x.area, s);
  });
  document.querySelectorAll('#map g.area').forEach(g => {
    const s = worst.get(g.dataset.area) || 'none';
    if (g.dataset.status !== s) g.dataset.status = s;
  });
}

function legend(shapes) {
  const item = (svg, label) => `<span><svg viewBox="0 0 20 20">${svg}</svg>${label}</span>`;
  let html = item('<circle cx="10" cy="10" r="8" fill="#2fa86a"/>', t('lgAqms'))
    + item('<polygon points="10,2 2,17 18,17" fill="#2fa86a"/>', t('lgGauge'))
    + item('<rect x="3" y="3" width="14" height="14" fill="#2fa86a"/>', t('lgTraffic'))
    + item('<circle cx="10" cy="10" r="7" fill="none" stroke="#c98b2c" stroke-width="3" stroke-dasharray="4 2"/>', t('lgStale'));
  if (shapes) {
    html += item('<rect x="1" y="1" width="18" height="18" class="swatch-land"/><rect x="1" y="1" width="18" height="18" fill="url(#hz-tidal-flood)"/>', t('lgTide'))
      + item('<rect x="1" y="1" width="18" height="18" class="swatch-land"/><rect x="1" y="1" width="18" height="18" fill="url(#hz-rain-flood)"/>', t('lgRain'))
      + item('<rect x="1" y="1" width="9" height="18" class="swatch-warning"/><rect x="10" y="1" width="9" height="18" class="swatch-critical"/>', t('lgStatus'))
      + item('<rect x="2" y="2" width="16" height="16" fill="#ef4b42" fill-opacity="0.45" stroke="#ef4b42" stroke-width="3"/>', t('lgAlarm'));
  } else {
    html += item('<circle cx="10" cy="10" r="7" fill="#18222e" stroke="#2f6fa3" stroke-dasharray="4 3"/>', t('lgTide'))
      + item('<circle cx="10" cy="10" r="7" fill="#18222e" stroke="#3d7f70" stroke-dasharray="2 3"/>', t('lgRain'))
      + item('<circle cx="10" cy="10" r="9" fill="#ef4b42" fill-opacity="0.45"/><circle cx="10" cy="10" r="4" fill="#18222e"/>',
        t('lgAlarm'));
  }
  $('#legend').innerHTML = html;
  // The boundaries' licence asks for their credit wherever they are shown.
  const credit = $('#attribution');
  const own = shapes && state.geo && typeof state.geo.attribution === 'string' ? state.geo.attribution : null;
  credit.hidden = !shapes || (!own && !(state.geo && state.geo.name === 'bontang-kelurahan'));
  text(credit, own || t('attribution'));
}

/** Shades each kelurahan with open annunciated alarms by the worst severity there (area slug -> severity). */
export function shadeAlarms(worst) {
  alarmWorst = worst;
  document.querySelectorAll('#map g.area, #map .area-label').forEach(g => {
    const sev = worst.get(g.dataset.area) || 0;
    if (g.dataset.alarm !== String(sev)) g.dataset.alarm = sev;
  });
}
