// Fitting: nothing on a tile is ever cut off.
// Titles wrap in a box of two lines, details in two lines, values, units, badges and the foot stay on one line;
// whatever does not fit shrinks until it does (measured, not guessed: the fonts and the languages differ). A tile
// whose parts together are taller than it shrinks as a whole. Work is batched: all measurements of a round, then
// all changes, so that a round costs one layout. document.body.dataset.fit says 'busy' or 'idle' (tests wait on it).
import { state } from './state.js';

export const MIN_SCALE = 0.35;
const dirty = new Set();
let fitAll = false;
let fitFrame = 0;
export const tileSizes = new ResizeObserver(entries => entries.forEach(e => fitSoon(e.target.dataset.tile)));
document.body.dataset.fit = 'idle';

export function fitSoon(id) {
  if (id === null) fitAll = true;
  else dirty.add(id);
  document.body.dataset.fit = 'busy';
  if (!fitFrame) fitFrame = requestAnimationFrame(fitNow);
}

/** The box that must hold an element's text: the title's box, the value's line, else the element itself. */
const boxOf = e => (['title', 'value', 'unit'].some(c => e.classList.contains(c)) ? e.parentElement : e);
/** How much smaller the element's text must get to fit its box (1: it fits). */
function ratio(e) {
  const box = boxOf(e);
  let r = 1;
  if (box.scrollWidth > box.clientWidth) r = Math.min(r, box.clientWidth / box.scrollWidth);
  if (box.scrollHeight > box.clientHeight) r = Math.min(r, Math.sqrt(box.clientHeight / box.scrollHeight));
  return r;
}

/** Shrinks each item's text until it fits or reaches min (of its size in the style sheet): reads, then writes. */
export function shrink(items, min) {
  items.forEach(it => { if (!it.base) it.base = parseFloat(getComputedStyle(it.e).fontSize); });
  for (let round = 0; round < 12 && items.length; round++) {
    items.forEach(it => { it.r = ratio(it.e); });
    items = items.filter(it => it.r < 1 && it.scale > min);
    items.forEach(it => {
      it.scale = Math.max(min, it.scale * Math.min(0.96, it.r));
      it.e.style.fontSize = (it.base * it.scale).toFixed(2) + 'px';
    });
  }
}

const PARTS = '.title, .value, .unit, .badge, .detail, .foot';
function fitNow() {
  fitFrame = 0;
  const tileEls = (fitAll ? [...state.elements.values()] : [...dirty].map(id => state.elements.get(id)))
    .filter(el => el && el.isConnected);
  const headers = fitAll ? [...document.querySelectorAll('#dimensions h2')] : [];
  dirty.clear();
  fitAll = false;
  headers.forEach(h => { h.style.fontSize = ''; });
  shrink(headers.map(e => ({ e, scale: 1 })), MIN_SCALE);
  let pending = tileEls.map(el => ({ el, scale: 1 }));
  pending.forEach(p => { p.el.style.fontSize = ''; });
  for (let pass = 0; pending.length; pass++) {
    const els = pending.map(p => p.el);
    els.forEach(el => {
      el.querySelectorAll(PARTS).forEach(e => { e.style.fontSize = ''; });
      el.querySelector('.detail').classList.remove('wrap');
    });
    const pick = sel => els.map(el => el.querySelector(sel)).filter(e => e && !e.hidden && e.textContent)
      .map(e => ({ e, scale: 1 }));
    // A long unit gets smaller before its number does: the number is what the room reads.
    shrink(pick('.unit'), 0.6);
    shrink(pick('.value'), MIN_SCALE);
    // Details keep one line a figure while they can, and wrap when that would make them too small.
    const details = pick('.detail');
    shrink(details, 0.8);
    const wrapped = details.filter(it => ratio(it.e) < 1);
    wrapped.forEach(it => { it.e.classList.add('wrap'); it.e.style.fontSize = ''; it.scale = 1; });
    shrink(wrapped, MIN_SCALE);
    shrink([...pick('.title'), ...pick('.badge'), ...pick('.foot')], MIN_SCALE);
    // A tile whose parts are together taller than it: first its details get smaller (to a point)…
    const detailOf = new Map(details.map(it => [it.e, it]));
    for (let round = 0; round < 8; round++) {
      const tall = pending.filter(p => p.el.scrollHeight > p.el.clientHeight)
        .map(p => ({ it: detailOf.get(p.el.querySelector('.detail')), r: p.el.clientHeight / p.el.scrollHeight }))
        .filter(x => x.it && x.it.scale > 0.55);
      if (!tall.length) break;
      tall.forEach(({ it, r }) => {
        it.scale = Math.max(0.55, it.scale * Math.min(0.95, r));
        it.e.style.fontSize = (it.base * it.scale).toFixed(2) + 'px';
      });
    }
    // …then the tile as a whole, and its parts are fitted again (the last pass is always a fitting).
    pending = pending.filter(p => p.el.scrollHeight > p.el.clientHeight && p.scale > MIN_SCALE);
    if (pass === 6) break;
    pending.forEach(p => {
      p.scale = Math.max(MIN_SCALE, p.scale * Math.min(0.95, p.el.clientHeight / p.el.scrollHeight));
      p.el.style.fontSize = p.scale.toFixed(3) + 'rem';
    });
  }
  document.body.dataset.fit = dirty.size || fitAll ? 'busy' : 'idle';
  document.body.dataset.fitRuns = String(Number(document.body.dataset.fitRuns || 0) + 1);
}
