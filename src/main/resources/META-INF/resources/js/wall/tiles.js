// The tiles: laid out by dimension, each drawn from its tile object (docs/wall-protocol.md, "Tile object").
import { DIMENSIONS, LEVELS, POLLUTANTS, PREFIX_UNITS, i18n, t } from './text.js';
import { $, state, view } from './state.js';
import { abbreviated, age, exact, number, text, time, unitText } from './format.js';
import { fitSoon, tileSizes } from './fit.js';
import { sparkChart } from './sparks.js';
import { marker, shadeSoon } from './map.js';

let layoutKey = '';

// Layout: each dimension once, its tiles together, as many tiles a row as the screen holds at a readable size.
// A dimension with more tiles than half a row gets whole bands of its own (one header over all its rows); the
// smaller ones share bands in the masterplan's order. Bands grow with their number of tile rows.
export function layout(force) {
  const host = $('#dimensions');
  const capacity = Math.max(3, Math.floor(host.clientWidth / (window.innerWidth * 0.08)));
  const groups = [];
  for (const dim of [...Object.keys(DIMENSIONS), ...new Set([...state.tiles.values()].map(x => x.dimension))]) {
    const list = [...state.tiles.values()].filter(x => x.dimension === dim);
    if (list.length && !groups.some(g => g.dim === dim)) groups.push({ dim, list });
  }
  const key = capacity + '|' + groups.map(g => g.dim + g.list.map(x => x.id).join(',')).join(';') + i18n.lang;
  if (key === layoutKey && !force) return;
  layoutKey = key;
  const bands = [];
  for (const g of groups.filter(g => g.list.length > capacity / 2)) {
    const rows = Math.ceil(g.list.length / capacity);
    bands.push({ rows, parts: [{ dim: g.dim, list: g.list, cols: Math.ceil(g.list.length / rows), rows }] });
  }
  const small = [];
  for (const g of groups.filter(g => g.list.length <= capacity / 2)) {
    let band = small.find(b => b.parts.reduce((n, p) => n + p.list.length, 0) + g.list.length <= capacity);
    if (!band) small.push(band = { rows: 1, parts: [] });
    band.parts.push({ dim: g.dim, list: g.list, cols: g.list.length, rows: 1 });
  }
  bands.push(...small);
  host.replaceChildren(...bands.map(b => {
    const band = document.createElement('div');
    band.className = 'band';
    band.style.flex = b.rows + ' 1 0';
    band.style.gridTemplateColumns = b.parts.map(p => `minmax(0, ${p.cols}fr)`).join(' ');
    for (const part of b.parts) {
      const section = document.createElement('section');
      section.className = 'dimension';
      section.dataset.dimension = part.dim;
      section.appendChild(header(part.dim));
      const grid = document.createElement('div');
      grid.className = 'tiles';
      grid.style.gridTemplateColumns = `repeat(${part.cols}, minmax(0, 1fr))`;
      grid.style.gridTemplateRows = `repeat(${part.rows}, minmax(0, 1fr))`;
      part.list.forEach(x => grid.appendChild(tileElement(x.id)));
      section.appendChild(grid);
      band.appendChild(section);
    }
    return band;
  }));
  fitSoon(null);
}

/** The dimension's header: its programme name, and in Indonesian its gloss (which wraps under it when narrow). */
function header(dim) {
  const h2 = document.createElement('h2');
  const d = DIMENSIONS[dim];
  const name = document.createElement('span');
  name.className = 'dim-name';
  name.textContent = d ? d.name : dim;
  h2.appendChild(name);
  if (d && d[i18n.lang]) {
    const gloss = document.createElement('span');
    gloss.className = 'dim-gloss';
    gloss.textContent = d[i18n.lang];
    h2.appendChild(gloss);
  }
  return h2;
}

export function tileElement(id) {
  let el = state.elements.get(id);
  if (el) return el;
  el = document.createElement('div');
  el.className = 'tile';
  el.id = 'tile-' + id;
  el.dataset.tile = id;
  el.innerHTML = '<div class="title-box"><div class="title"></div></div>'
    + '<div class="main"><span class="value"></span><span class="unit"></span></div>'
    + '<div class="sub"><span class="badge" hidden></span><span class="detail"></span></div><div class="spark"></div>'
    + '<div class="foot"><span class="stale-label"></span><span class="fresh"></span><span class="time"></span></div>';
  state.elements.set(id, el);
  tileSizes.observe(el);
  sparkChart(id, el.querySelector('.spark'));
  return el;
}

// One tile: its texts and data attributes (which the style sheet colours), refitted only when a text changed.
export function render(tile) {
  const x = view(tile);
  const el = tileElement(x.id);
  el.dataset.status = x.status;
  el.dataset.freshness = x.freshness;
  el.dataset.kind = x.kind || 'value';
  // A name such as Api-Api is one word: wrapped at its hyphen it would read as two (U+2011 does not break).
  const title = (x.title[i18n.lang] || x.title.id).replace(/(\p{L})-(\p{L})/gu, '$1\u2011$2');
  let changed = text(el.querySelector('.title'), title);
  changed = text(el.querySelector('.value'), number(x.value)) || changed;
  const unit = el.querySelector('.unit');
  changed = text(unit, x.value === null ? '' : unitText(x.unit)) || changed;
  unit.classList.toggle('pre', PREFIX_UNITS.has(x.unit));
  const badge = el.querySelector('.badge');
  let badgeText = '';
  let badgeClass = 'badge';
  let detail = '';
  if (x.category) {
    badgeText = x.category[i18n.lang] || x.category.id;
    badgeClass += ' cat-' + x.category.colour;
    const parts = [POLLUTANTS[x.criticalParameter] || x.criticalParameter];
    if (x.kind === 'worst' && x.worstOf) {
      const worst = state.tiles.get(x.worstOf);
      const area = worst && state.areas.find(a => a.slug === worst.area);
      parts.unshift(t('worstOf') + ': ' + (area ? area.name : x.worstOf));
    }
    if (x.beyondScale) parts.push(t('beyond'));
    if (x.partial) parts.push(t('partial'));
    detail = parts.filter(Boolean).join(' · ');
  } else if (x.level) {
    badgeText = i18n.lang === 'id' || x.level.id === x.level.en ? x.level.id : x.level.id + ' (' + x.level.en + ')';
    badgeClass += ' lvl-' + x.level.severity;
  }
  if (x.maintenance) { // declared in the catalog: its figures may not be the city's; no alarm watches it
    badgeText = t('maintenance');
    badgeClass = 'badge maintenance';
  }
  el.dataset.maintenance = x.maintenance ? 'true' : 'false';
  if (x.levels) {
    // The next threshold is what the room watches for.
    const word = w => (i18n.lang === 'en' ? LEVELS[w] || w : w);
    const next = [['Waspada', x.levels.waspada], ['Siaga', x.levels.siaga], ['Awas', x.levels.awas]]
      .find(([, cm]) => x.value === null || x.value < cm);
    detail = next ? `${word(next[0])} ≥ ${number(next[1])} cm` : `${word('Awas')} ≥ ${number(x.levels.awas)} cm`;
  }
  if (x.total !== undefined && x.online !== undefined) {
    detail = `${x.online} ${t('of')} ${x.total} ${t('online')}`;
  }
  if (x.extras) {
    detail = Object.values(x.extras).map(e => `${e.title[i18n.lang] || e.title.id} ${number(e.value)} ${
      e.value === null ? '' : unitText(e.unit)}`.trim()).join('\n'); // one line each
  }
  // An abbreviated number says its exact value: in the details when they have room, always in the tooltip.
  if (abbreviated(x.value) && !detail) detail = exact(x.value, x.unit);
  el.title = x.value === null ? title : title + '\n' + exact(x.value, x.unit);
  badge.hidden = !badgeText;
  changed = text(badge, badgeText) || changed;
  if (badge.className !== badgeClass) badge.className = badgeClass;
  changed = text(el.querySelector('.detail'), detail) || changed;
  changed = freshness(x, el) || changed;
  if (changed) fitSoon(x.id);
  marker(x);
  shadeSoon();
}

export function freshness(x, el) {
  const fresh = el.querySelector('.fresh');
  const when = el.querySelector('.time');
  const updated = x.updatedAt ? new Date(x.updatedAt) : null;
  let changed = false;
  if (x.freshness === 'no-data') {
    changed = text(fresh, t('noData'));
    changed = text(when, '') || changed;
  } else if (x.freshness === 'stale') {
    changed = text(el.querySelector('.stale-label'), t('stale'));
    changed = text(fresh, age(Date.now() - updated.getTime())) || changed;
    changed = text(when, time(updated)) || changed;
  } else {
    changed = text(fresh, updated ? time(updated) : '');
    changed = text(when, '') || changed;
  }
  return changed;
}
