// Pantau's wall. It receives a snapshot, then deltas and alarm changes; after a break it reconnects with the last
// seq it saw (/ws/wall?since=S) and gets exactly what it missed. The server sends a heartbeat every few seconds:
// silence means the connection is dead, and then nothing on screen is presented as current.
(() => {
  'use strict';

  const params = new URLSearchParams(location.search);
  const kiosk = params.has('kiosk');
  let lang = params.get('lang') || localStorage.getItem('pantau.lang') || 'id';
  if (lang !== 'en') lang = 'id';

  const TEXT = {
    id: {
      city: 'Kota Bontang · Command Center', map: 'Peta kelurahan', live: 'TERHUBUNG', connecting: 'MENYAMBUNG…',
      down: 'TERPUTUS', since: 'data terakhir', offline: 'KONEKSI TERPUTUS — layar tidak diperbarui sejak {time} WITA. Menyambung ulang…',
      stalled: 'SERVER TIDAK MENGHITUNG — angka tidak diperbarui sejak {time} WITA; semua panel ditandai data lama',
      stale: 'DATA LAMA', noData: 'BELUM ADA DATA', ago: '{n} lalu', critical: 'kritis', warning: 'peringatan', warnings: 'peringatan',
      staleCount: 'data lama', partial: 'sebagian', criticalParam: 'parameter kritis', beyond: 'di atas skala',
      worstOf: 'terburuk', switchTo: 'EN', online: 'daring', of: 'dari', database: 'Basis data', tiles: 'panel',
      lgAqms: 'Stasiun udara', lgGauge: 'Pos duga air', lgTraffic: 'Lalu lintas', lgStale: 'Data lama', lgTide: 'Rawan rob',
      lgRain: 'Rawan banjir hujan', sea: 'Selat Makassar', s: 'dtk', m: 'mnt', h: 'jam', d: 'hari',
      lgStatus: 'Kelurahan: status terburuk panelnya', exact: 'nilai persis',
      attribution: 'Batas kelurahan © 2024 Cahya DSN (lisensi MIT) · sumber: cahyadsn/wilayah_boundaries',
      alarms: 'ALARM', sev4: 'KRITIS', sev3: 'TINGGI', sev2: 'SEDANG', sev1: 'RENDAH', suppressed: '{n} ditangguhkan',
      noCritical: 'Tidak ada alarm kritis', more: '+{n} lainnya', escalated: 'ESKALASI', acked: 'diakui {who}',
      cleared: 'reda', flood: 'LONJAKAN ALARM · {n} baru / {m} mnt',
      soundOff: 'Suara mati — klik untuk menyalakan', lgAlarm: 'Kelurahan dengan alarm (tingkat terburuk)'
    },
    en: {
      city: 'Bontang City · Command Center', map: 'Map of the urban villages (kelurahan)', live: 'CONNECTED', connecting: 'CONNECTING…',
      down: 'DISCONNECTED', since: 'last data', offline: 'CONNECTION LOST — the screen has not been updated since {time} WITA. Reconnecting…',
      stalled: 'SERVER NOT COMPUTING — figures not updated since {time} WITA; every tile is marked stale',
      stale: 'STALE', noData: 'NO DATA YET', ago: '{n} ago', critical: 'critical', warning: 'warning', warnings: 'warnings',
      staleCount: 'stale', partial: 'partial', criticalParam: 'critical parameter', beyond: 'beyond the scale',
      worstOf: 'worst', switchTo: 'ID', online: 'online', of: 'of', database: 'Database', tiles: 'tiles',
      lgAqms: 'Air quality station', lgGauge: 'Water gauge', lgTraffic: 'Traffic counter', lgStale: 'Stale', lgTide: 'Tidal flood area',
      lgRain: 'Rain flood area', sea: 'Makassar Strait', s: 's', m: 'min', h: 'h', d: 'd',
      lgStatus: 'Urban village: the worst status of its tiles', exact: 'exact value',
      attribution: 'Boundaries © 2024 Cahya DSN (MIT licence) · source: cahyadsn/wilayah_boundaries',
      alarms: 'ALARMS', sev4: 'CRITICAL', sev3: 'HIGH', sev2: 'MEDIUM', sev1: 'LOW', suppressed: '{n} suppressed',
      noCritical: 'No critical alarms', more: '+{n} more', escalated: 'ESCALATED', acked: 'acknowledged by {who}',
      cleared: 'cleared', flood: 'ALARM FLOOD · {n} new / {m} min',
      soundOff: 'Sound off — click to enable', lgAlarm: 'Urban villages with alarms (worst severity)'
    }
  };
  // The masterplan's dimensions: the programme's name, and in Indonesian its gloss.
  const DIMENSIONS = {
    governance: { name: 'Smart Governance', id: 'Tata kelola' },
    economy: { name: 'Smart Economy', id: 'Ekonomi' },
    mobility: { name: 'Smart Mobility', id: 'Mobilitas' },
    environment: { name: 'Smart Environment', id: 'Lingkungan' },
    people: { name: 'Smart People', id: 'Masyarakat' },
    living: { name: 'Smart Living', id: 'Kehidupan' },
    branding: { name: 'Smart Branding', id: 'Citra kota' }
  };
  // The catalog's units as the wall says them; a unit not listed is shown as the catalog writes it.
  const UNITS = {
    id: { vehicles: 'kendaraan', calls: 'panggilan', complaints: 'aduan', patients: 'pasien', orders: 'pesanan',
      visits: 'kunjungan', visitors: 'wisatawan', lamps: 'lampu', count: '', min: 'mnt', 'ug/m3': 'µg/m³', ISPU: '',
      IDR: 'Rp', Cel: '°C', '%RH': '% RH' },
    en: { count: '', 'ug/m3': 'µg/m³', ISPU: 'ISPU', IDR: 'IDR', Cel: '°C', '%RH': '% RH' }
  };
  /** Units written before the number (Rp 25,8 M). */
  const PREFIX_UNITS = new Set(['IDR']);
  // BNPB's warning levels keep their words on the wall; the English page names them as the server does.
  const LEVELS = { Waspada: 'Advisory', Siaga: 'Watch', Awas: 'Warning' };
  // Large numbers the Indonesian way (ribu, juta, miliar, triliun) or the English one.
  const SCALES = {
    id: [[1e12, ' T'], [1e9, ' M'], [1e6, ' jt'], [1e3, ' rb']],
    en: [[1e12, 'tn'], [1e9, 'bn'], [1e6, 'm'], [1e3, 'k']]
  };
  const ABBREVIATE_FROM = 1e4;
  const POLLUTANTS = { pm10: 'PM10', pm25: 'PM2.5', so2: 'SO₂', co: 'CO', o3: 'O₃', no2: 'NO₂', hc: 'HC' };
  const STATUS_COLOUR = { normal: '#2fa86a', warning: '#e5b530', critical: '#ef4b42', unknown: '#5b6774' };
  const city = window.pantauCity; // city.js: the catalog's time zone
  const SPARK_HOURS = 6;
  // The engine evaluates every tile each second; a heartbeat whose evaluation time is further behind than
  // this means the server stalled, and its last figures must not look current.
  const ENGINE_STALL_MS = 5000;

  const $ = s => document.querySelector(s);
  const t = key => (typeof TEXT[lang][key] === 'string' ? TEXT[lang][key].replace(/WITA/g, city.zoneName) : TEXT[lang][key]);
  const tiles = new Map();
  const elements = new Map();
  const charts = new Map();
  const sparks = new Map();
  const markers = new Map();
  let areas = [];
  let geo = null; // the areas' boundaries (GeoJSON), or null: the schematic map
  let layoutKey = '';
  let seq = null;
  let ws = null;
  let lastMessage = 0;
  let lastData = null;
  let everLive = false;
  let downSince = null;
  let retry = 1000;
  let stalledSince = null;
  const alarms = new Map(); // every open alarm, by id
  let alarmSummary = null;

  if (kiosk) document.body.classList.add('kiosk');

  // ---- formatting -------------------------------------------------------------------------------
  const locale = () => (lang === 'id' ? 'id-ID' : 'en-GB');
  const fmt = (v, digits) => new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(v);
  const abbreviated = v => v !== null && v !== undefined && Math.abs(v) >= ABBREVIATE_FROM;
  /** A number as a tile shows it: in full below 10 000, else abbreviated (25,8 M; 25.8bn). */
  function number(v) {
    if (v === null || v === undefined) return '—';
    if (!abbreviated(v)) return fmt(v, 3); // the server rounded it (and kept what a threshold needs)
    const scales = SCALES[lang];
    for (let i = 0; i < scales.length; i++) {
      const [n, suffix] = scales[i];
      if (Math.abs(v) < n) continue;
      const q = v / n;
      const digits = Math.abs(q) < 100 ? 1 : 0;
      if (Math.abs(Number(q.toFixed(digits))) >= 1000 && i > 0) return fmt(v / scales[i - 1][0], 1) + scales[i - 1][1];
      return fmt(q, digits) + suffix;
    }
    return fmt(v, 3);
  }
  const unitText = u => (u in (UNITS[lang] || {}) ? UNITS[lang][u] : (u in UNITS.en ? UNITS.en[u] : u || ''));
  /** The exact figure with its unit: Rp 25.800.000.000, 1.964,7 kWh. */
  function exact(v, unit) {
    if (v === null || v === undefined) return '—';
    const u = unitText(unit);
    if (!u) return fmt(v, 3);
    return PREFIX_UNITS.has(unit) ? u + ' ' + fmt(v, 3) : fmt(v, 3) + ' ' + u;
  }
  const time = d => d.toLocaleTimeString(locale(), { timeZone: city.timezone, hour12: false });
  function age(ms) {
    const s = Math.max(0, Math.round(ms / 1000));
    const n = s < 60 ? s + ' ' + t('s') : s < 3600 ? Math.round(s / 60) + ' ' + t('m')
      : s < 86400 ? Math.round(s / 3600) + ' ' + t('h') : Math.round(s / 86400) + ' ' + t('d');
    return t('ago').replace('{n}', n);
  }
  const escape = s => String(s).replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  /** Sets an element's text; true when it changed. */
  function text(el, value) {
    if (el.textContent === value) return false;
    el.textContent = value;
    return true;
  }

  // ---- layout: each dimension once, its tiles together, as many tiles a row as the screen holds at a readable size
  // A dimension with more tiles than half a row gets whole bands of its own (one header over all its rows); the
  // smaller ones share bands in the masterplan's order. Bands grow with their number of tile rows.
  function layout(force) {
    const host = $('#dimensions');
    const capacity = Math.max(3, Math.floor(host.clientWidth / (window.innerWidth * 0.08)));
    const groups = [];
    for (const dim of [...Object.keys(DIMENSIONS), ...new Set([...tiles.values()].map(x => x.dimension))]) {
      const list = [...tiles.values()].filter(x => x.dimension === dim);
      if (list.length && !groups.some(g => g.dim === dim)) groups.push({ dim, list });
    }
    const key = capacity + '|' + groups.map(g => g.dim + g.list.map(x => x.id).join(',')).join(';') + lang;
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
    if (d && d[lang]) {
      const gloss = document.createElement('span');
      gloss.className = 'dim-gloss';
      gloss.textContent = d[lang];
      h2.appendChild(gloss);
    }
    return h2;
  }

  function tileElement(id) {
    let el = elements.get(id);
    if (el) return el;
    el = document.createElement('div');
    el.className = 'tile';
    el.id = 'tile-' + id;
    el.dataset.tile = id;
    el.innerHTML = '<div class="title-box"><div class="title"></div></div>'
      + '<div class="main"><span class="value"></span><span class="unit"></span></div>'
      + '<div class="sub"><span class="badge" hidden></span><span class="detail"></span></div><div class="spark"></div>'
      + '<div class="foot"><span class="stale-label"></span><span class="fresh"></span><span class="time"></span></div>';
    elements.set(id, el);
    tileSizes.observe(el);
    const spark = el.querySelector('.spark');
    if (window.uPlot) {
      const chart = new uPlot({
        width: 100, height: 30, cursor: { show: false }, legend: { show: false }, select: { show: false },
        axes: [{ show: false }, { show: false }], scales: { x: { time: true } },
        series: [{}, { stroke: () => STATUS_COLOUR[(tiles.get(id) || {}).status] || STATUS_COLOUR.unknown,
          width: 2, fill: 'rgba(133, 149, 166, 0.10)', points: { show: false } }]
      }, [[], []], spark);
      charts.set(id, chart);
      new ResizeObserver(() => {
        if (spark.clientWidth > 0 && spark.clientHeight > 0) chart.setSize({ width: spark.clientWidth, height: spark.clientHeight });
      }).observe(spark);
    }
    return el;
  }

  // ---- fitting: nothing on a tile is ever cut off ------------------------------------------------------------
  // Titles wrap in a box of two lines, details in two lines, values, units, badges and the foot stay on one line;
  // whatever does not fit shrinks until it does (measured, not guessed: the fonts and the languages differ). A tile
  // whose parts together are taller than it shrinks as a whole. Work is batched: all measurements of a round, then
  // all changes, so that a round costs one layout. document.body.dataset.fit says 'busy' or 'idle' (tests wait on it).
  const MIN_SCALE = 0.35;
  const dirty = new Set();
  let fitAll = false;
  let fitFrame = 0;
  const tileSizes = new ResizeObserver(entries => entries.forEach(e => fitSoon(e.target.dataset.tile)));
  document.body.dataset.fit = 'idle';

  function fitSoon(id) {
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
  function shrink(items, min) {
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
    const tileEls = (fitAll ? [...elements.values()] : [...dirty].map(id => elements.get(id)))
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

  // ---- one tile ---------------------------------------------------------------------------------
  /** A tile as it may be shown: nothing is fresh while the server's engine has stalled. */
  function view(x) {
    return stalledSince !== null && x.freshness === 'fresh' ? Object.assign({}, x, { freshness: 'stale' }) : x;
  }

  function render(tile) {
    const x = view(tile);
    const el = tileElement(x.id);
    el.dataset.status = x.status;
    el.dataset.freshness = x.freshness;
    el.dataset.kind = x.kind || 'value';
    // A name such as Api-Api is one word: wrapped at its hyphen it would read as two (U+2011 does not break).
    const title = (x.title[lang] || x.title.id).replace(/(\p{L})-(\p{L})/gu, '$1\u2011$2');
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
      badgeText = x.category[lang] || x.category.id;
      badgeClass += ' cat-' + x.category.colour;
      const parts = [POLLUTANTS[x.criticalParameter] || x.criticalParameter];
      if (x.kind === 'worst' && x.worstOf) {
        const worst = tiles.get(x.worstOf);
        const area = worst && areas.find(a => a.slug === worst.area);
        parts.unshift(t('worstOf') + ': ' + (area ? area.name : x.worstOf));
      }
      if (x.beyondScale) parts.push(t('beyond'));
      if (x.partial) parts.push(t('partial'));
      detail = parts.filter(Boolean).join(' · ');
    } else if (x.level) {
      badgeText = lang === 'id' || x.level.id === x.level.en ? x.level.id : x.level.id + ' (' + x.level.en + ')';
      badgeClass += ' lvl-' + x.level.severity;
    }
    if (x.levels) {
      // The next threshold is what the room watches for.
      const word = w => (lang === 'en' ? LEVELS[w] || w : w);
      const next = [['Waspada', x.levels.waspada], ['Siaga', x.levels.siaga], ['Awas', x.levels.awas]]
        .find(([, cm]) => x.value === null || x.value < cm);
      detail = next ? `${word(next[0])} ≥ ${number(next[1])} cm` : `${word('Awas')} ≥ ${number(x.levels.awas)} cm`;
    }
    if (x.total !== undefined && x.online !== undefined) {
      detail = `${x.online} ${t('of')} ${x.total} ${t('online')}`;
    }
    if (x.extras) {
      detail = Object.values(x.extras).map(e => `${e.title[lang] || e.title.id} ${number(e.value)} ${
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

  function freshness(x, el) {
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

  // ---- sparklines: the recent hours, one point a minute ----------------------------------------
  function remember(x) {
    if (x.value === null || x.value === undefined || !x.updatedAt) return;
    const points = sparks.get(x.id) || [];
    const minute = Math.floor(new Date(x.updatedAt).getTime() / 60000) * 60;
    if (points.length && points[points.length - 1][0] === minute) points[points.length - 1][1] = Number(x.value);
    else if (!points.length || minute > points[points.length - 1][0]) points.push([minute, Number(x.value)]);
    while (points.length && points[0][0] < Date.now() / 1000 - SPARK_HOURS * 3600) points.shift();
    sparks.set(x.id, points);
  }

  function drawSpark(id) {
    const chart = charts.get(id);
    const points = sparks.get(id);
    if (chart && points) chart.setData([points.map(p => p[0]), points.map(p => p[1])]);
  }


  // ---- the map ------------------------------------------------------------------------------------------------
  // With the areas' boundaries (GET /api/v1/areas/geojson): the kelurahan drawn as they are, shaded by the worst
  // status of their tiles, the flood-prone ones hatched, the sea east of the coast, the land beyond the city's border
  // muted, each station inside its kelurahan around the label point, and the boundaries' credit under the map.
  // Without them: the schematic map, kelurahan at their label points. Either way g.area[data-area] carries the
  // alarm shading (data-alarm) and the status (data-status).
  const NS = 'http://www.w3.org/2000/svg';
  const MARKER_R = 13;
  let project = null;
  let slots = new Map(); // tile id -> [x, y] of its marker
  let labelAt = new Map(); // area slug -> [x, y] of its label point, projected

  function drawMap() {
    const shapes = geo && Array.isArray(geo.features)
      ? geo.features.filter(f => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon')) : [];
    if (shapes.length) drawShapes(shapes);
    else if (areas.length) drawSchematic();
    else return;
    markers.clear();
    tiles.forEach(marker);
    legend(shapes.length > 0);
    shadeAreas();
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
    const known = new Set(areas.map(a => a.slug));
    labelAt = new Map();
    const bySlug = new Map();
    projected.forEach(p => {
      const slug = p.f.properties && p.f.properties.slug;
      if (!slug || !known.has(slug)) html += `<path class="land other" d="${pathOf(ringsOf(p.f))}"/>`;
      else bySlug.set(slug, p);
    });
    for (const a of areas) {
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
    for (const a of areas) {
      const here = [...tiles.values()].filter(x => x.area === a.slug && x.source && x.kind !== 'worst')
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
    placeLabels(W, H, obstacles);
  }

  /** The sea's name in the open water east of the coast: the highest place where it clears the land, else the widest. */
  function seaLabel(rows, W) {
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
  function placeLabels(W, H, obstacles) {
    const g = $('#map .labels');
    const placed = [...obstacles];
    const overlap = (a, b) => Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0])) * Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
    // The dense centre first: its names have the fewest places to go.
    const order = [...areas].sort((p, q) => crowd(q) - crowd(p));
    function crowd(a) {
      const [x, y] = labelAt.get(a.slug);
      return [...labelAt.values()].filter(([u, v]) => Math.hypot(u - x, v - y) < 90).length;
    }
    // The dots of kelurahan without stations first: a name placed earlier must not land on a later one's dot.
    const stationed = new Set([...slots.keys()].map(id => (tiles.get(id) || {}).area));
    for (const a of areas) {
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

  // The schematic map, for a catalog without boundaries.
  function drawSchematic() {
    const svg = $('#map');
    svg.dataset.mode = 'schematic';
    const lats = areas.map(a => a.lat);
    const lons = areas.map(a => a.lon);
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
    for (const a of areas) {
      const [x, y] = project(a.lat, a.lon);
      labelAt.set(a.slug, [x, y]);
      html += `<g class="area ${a.hazard || ''}" data-area="${a.slug}"><circle class="halo" cx="${x}" cy="${y}" r="46"/>`
        + `<circle class="dot" cx="${x}" cy="${y}" r="20"/>`
        + `<text class="area-label" x="${x}" y="${y + 50}">${escape(a.name)}</text></g>`;
    }
    svg.innerHTML = html;
  }

  const SHAPES = { ispu: 'circle', flood: 'triangle', value: 'square' };
  function marker(x) {
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
    m.firstChild.textContent = (x.title[lang] || x.id) + ': ' + exact(x.value, x.unit);
  }

  // Each kelurahan takes the worst status of its tiles (stale ones count as stale, not as their last status).
  const RANK = { critical: 4, warning: 3, stale: 2, normal: 1, unknown: 0 };
  let shadeFrame = 0;
  function shadeSoon() {
    if (!shadeFrame) shadeFrame = requestAnimationFrame(() => { shadeFrame = 0; shadeStatus(); });
  }
  function shadeStatus() {
    const worst = new Map();
    tiles.forEach(tile => {
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
    const own = shapes && geo && typeof geo.attribution === 'string' ? geo.attribution : null;
    credit.hidden = !shapes || (!own && !(geo && geo.name === 'bontang-kelurahan'));
    text(credit, own || t('attribution'));
  }

  // ---- header, summary, status line ------------------------------------------------------------
  function summary() {
    const all = [...tiles.values()];
    const critical = all.filter(x => x.status === 'critical' && view(x).freshness === 'fresh').length;
    const warning = all.filter(x => x.status === 'warning' && view(x).freshness === 'fresh').length;
    const stale = all.filter(x => view(x).freshness === 'stale').length;
    const parts = [];
    if (critical) parts.push(`<span class="critical">${critical} ${t('critical')}</span>`);
    if (warning) parts.push(`<span class="warning">${warning} ${t(warning === 1 ? 'warning' : 'warnings')}</span>`);
    if (stale) parts.push(`<span class="stale">${stale} ${t('staleCount')}</span>`);
    $('#summary').innerHTML = parts.join('');
  }

  function setConnection(state) {
    const conn = $('#conn');
    conn.dataset.state = state;
    let label = t(state);
    if (state !== 'live' && lastData) label += ' · ' + t('since') + ' ' + time(lastData);
    text(conn.querySelector('.text'), label);
    if (state === 'live') downSince = null;
    else if (downSince === null) downSince = Date.now();
  }

  function offline() {
    const banner = $('#offline');
    const away = everLive && downSince !== null && Date.now() - downSince > 3000;
    document.body.classList.toggle('disconnected', away);
    document.body.classList.toggle('stalled', stalledSince !== null);
    banner.hidden = !away && stalledSince === null;
    if (away) text(banner, t('offline').replace('{time}', lastData ? time(lastData) : '—'));
    else if (stalledSince !== null) text(banner, t('stalled').replace('{time}', time(stalledSince)));
  }

  /** The heartbeat says when the engine last evaluated the tiles, by the server's own clock. */
  function engine(m) {
    const behind = m.evaluatedAt ? Date.parse(m.time) - Date.parse(m.evaluatedAt) : Infinity;
    const stalled = behind > ENGINE_STALL_MS;
    if (stalled === (stalledSince !== null)) return;
    stalledSince = stalled ? (m.evaluatedAt ? new Date(m.evaluatedAt) : new Date()) : null;
    tiles.forEach(render);
    summary();
    offline();
  }

  function status() {
    Promise.all(['/q/health/ready', '/q/health/group/storage'].map(u => fetch(u).then(r => r.json()))).then(([ready, storage]) => {
      const checks = Object.fromEntries([...(ready.checks || []), ...(storage.checks || [])].map(c => [c.name, c]));
      const parts = [];
      if (checks.mqtt) parts.push(`MQTT ${checks.mqtt.data.broker} (${checks.mqtt.data.mode})`);
      if (checks.database) parts.push(`${t('database')}: ${checks.database.data.mode}`);
      parts.push(`${tiles.size} ${t('tiles')}`);
      $('#status').innerHTML = parts.map(p => `<span>${p}</span>`).join('');
    }).catch(() => {});
  }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
    $('#lang').textContent = t('switchTo');
    layout(true);
    tiles.forEach(render);
    drawMap();
    renderAlarms();
    soundState();
    summary();
    status();
    setConnection($('#conn').dataset.state);
  }

  // ---- alarms: the band (counts by severity, the newest critical ones, a flood), the map, the cue ---------
  // The server sends every open alarm in the snapshot and each change in an `alarms` message (a closed alarm
  // once, to be dropped). Annunciated = open, neither shelved nor out of service: only those are counted,
  // shaded and sounded.
  const SEVERITIES = [4, 3, 2, 1];
  const CRITICAL_SHOWN = 3;
  const annunciated = a => a.state !== 'closed' && a.state !== 'shelved' && a.state !== 'out-of-service';
  /** Severity 4, and escalated severity 3: what the room must see without looking for it. */
  const critical = a => annunciated(a) && (a.severity >= 4 || (a.severity >= 3 && a.escalated));
  const newest = a => Math.max(Date.parse(a.raisedAt) || 0, Date.parse(a.escalatedAt) || 0);

  function applyAlarms(list, summary, first) {
    for (const a of list || []) {
      const id = String(a.id);
      if (a.state === 'closed') alarms.delete(id);
      else alarms.set(id, a);
      if (!first) cueFor(a);
    }
    if (first) (list || []).forEach(a => cueKeys(a).forEach(([, k]) => cued.add(k)));
    if (summary) alarmSummary = summary;
  }

  /** The counts: the server's summary when it sent one, else counted here from the open alarms. */
  function counts() {
    if (alarmSummary && alarmSummary.open) {
      return { open: alarmSummary.open, suppressed: alarmSummary.suppressed || 0 };
    }
    const open = {};
    let suppressed = 0;
    alarms.forEach(a => {
      if (annunciated(a)) open[a.severity] = (open[a.severity] || 0) + 1;
      else suppressed++;
    });
    return { open, suppressed };
  }

  function renderAlarms() {
    const { open, suppressed } = counts();
    const host = $('#alarm-counts');
    if (host.children.length !== SEVERITIES.length) {
      host.replaceChildren(...SEVERITIES.map(sev => {
        const el = document.createElement('div');
        el.className = 'count sev-' + sev;
        el.dataset.severity = sev;
        el.innerHTML = '<span class="n"></span><span class="l"></span>';
        return el;
      }));
    }
    let total = 0;
    for (const el of host.children) {
      const n = Number(open[el.dataset.severity] || 0);
      total += n;
      el.classList.toggle('zero', n === 0);
      text(el.querySelector('.n'), String(n));
      text(el.querySelector('.l'), t('sev' + el.dataset.severity));
    }
    const band = $('#alarms');
    band.dataset.open = total;
    band.dataset.worst = SEVERITIES.find(s => Number(open[s] || 0) > 0) || 0;
    const sup = $('#alarm-suppressed');
    sup.hidden = !suppressed;
    text(sup, t('suppressed').replace('{n}', suppressed));

    const list = [...alarms.values()].filter(critical).sort((a, b) => newest(b) - newest(a));
    const ol = $('#alarm-critical');
    const items = list.slice(0, CRITICAL_SHOWN).map(a => {
      const li = document.createElement('li');
      li.className = 'sev-' + a.severity + (a.escalated ? ' escalated' : '') + (a.acknowledgedAt ? ' acked' : '');
      li.dataset.alarmId = a.id;
      const add = (cls, value) => {
        const span = document.createElement('span');
        span.className = cls;
        span.textContent = value;
        li.appendChild(span);
      };
      add('sev', String(a.severity));
      add('msg', (a.message && (a.message[lang] || a.message.id)) || a.rule);
      if (a.escalated) add('flag', t('escalated'));
      if (a.state === 'cleared-unacknowledged') add('flag cleared', t('cleared'));
      if (a.acknowledgedAt) add('flag ack', '✓ ' + t('acked').replace('{who}', a.acknowledgedBy || ''));
      add('when', a.raisedAt ? time(new Date(a.raisedAt)) : '');
      return li;
    });
    if (!list.length) {
      const li = document.createElement('li');
      li.className = 'none';
      li.textContent = t('noCritical');
      items.push(li);
    }
    ol.replaceChildren(...items);
    if (list.length) fitCritical(ol, list.length);

    const flood = alarmSummary && alarmSummary.flood;
    const f = $('#alarm-flood');
    f.hidden = !(flood && flood.active);
    document.body.classList.toggle('alarm-flood', !f.hidden);
    if (!f.hidden) text(f, t('flood').replace('{n}', flood.count).replace('{m}', flood.windowMinutes || 10));
    shadeAreas();
  }

  /**
   * The critical alarms shown whole, never cut: the newest that fit side by side, the rest counted ("+2 more"); the
   * newest alone wraps onto two lines and shrinks, as a tile's text does, when even it is too long for the band.
   */
  function fitCritical(ol, total) {
    const shown = () => ol.querySelectorAll('li[data-alarm-id]');
    let more = null;
    const count = () => {
      const rest = total - shown().length;
      if (rest > 0 && !more) {
        more = document.createElement('li');
        more.className = 'more';
        ol.appendChild(more);
      }
      if (more) more.textContent = t('more').replace('{n}', rest);
    };
    count();
    while (shown().length > 1 && ol.scrollWidth > ol.clientWidth + 1) {
      shown()[shown().length - 1].remove();
      count();
    }
    const first = shown()[0];
    if (ol.scrollWidth > ol.clientWidth + 1) {
      first.classList.add('wrap');
      shrink([{ e: first.querySelector('.msg'), scale: 1 }], MIN_SCALE);
    }
  }
  let bandWidth = 0;
  new ResizeObserver(entries => {
    const w = entries[entries.length - 1].contentRect.width;
    if (w !== bandWidth) {
      bandWidth = w;
      renderAlarms();
    }
  }).observe($('#alarms'));

  /** Each kelurahan with open annunciated alarms, shaded by the worst severity there. */
  function shadeAreas() {
    const worst = new Map();
    alarms.forEach(a => {
      if (a.area && annunciated(a)) worst.set(a.area, Math.max(worst.get(a.area) || 0, a.severity));
    });
    document.querySelectorAll('#map g.area, #map .area-label').forEach(g => {
      const sev = worst.get(g.dataset.area) || 0;
      if (g.dataset.alarm !== String(sev)) g.dataset.alarm = sev;
    });
  }

  // The audible cue: made here with Web Audio (no sound file), on a new alarm of severity 4 (or one whose
  // severity rises to 4, or that comes back active at 4) and on every new escalation; never for what the
  // first snapshot held, never twice for the same alarm and reason. Each cue is recorded in
  // window.pantauAlarmCues ({id, reason, time, audio}) and counted in document.body.dataset.alarmCues, so that a
  // test without speakers sees it; body.dataset.audio says whether the browser lets the page sound.
  const cued = new Set();
  window.pantauAlarmCues = [];
  document.body.dataset.alarmCues = '0';
  let audio = null;
  try {
    audio = new (window.AudioContext || window.webkitAudioContext)();
  } catch (e) {
    audio = null;
  }

  function cueKeys(a) {
    const keys = [];
    if (annunciated(a) && a.severity >= 4 && a.state !== 'cleared-unacknowledged') keys.push(['critical', a.id + ':critical:' + a.activations]);
    if (annunciated(a) && a.escalatedAt) keys.push(['escalated', a.id + ':escalated:' + a.escalatedAt]);
    return keys;
  }

  function cueFor(a) {
    if (a.chattering) { // a chattering alarm sounds once, not at every return
      cueKeys(a).forEach(([, k]) => cued.add(k));
      return;
    }
    for (const [reason, key] of cueKeys(a)) {
      if (cued.has(key)) continue;
      cued.add(key);
      cue(a, reason);
    }
  }

  function cue(a, reason) {
    const state = audio ? audio.state : 'none';
    window.pantauAlarmCues.push({ id: a.id, reason, time: new Date().toISOString(), audio: state });
    document.body.dataset.alarmCues = String(window.pantauAlarmCues.length);
    if (!audio || audio.state !== 'running') return;
    // Critical: three rising two-tone pulses; escalation: two long low tones. Both well inside speech range.
    const pattern = reason === 'critical'
      ? [[0, 0.18, 880], [0.2, 0.18, 1175], [0.5, 0.18, 880], [0.7, 0.18, 1175], [1.0, 0.18, 880], [1.2, 0.3, 1175]]
      : [[0, 0.45, 660], [0.6, 0.45, 660]];
    const start = audio.currentTime + 0.02;
    for (const [at, length, frequency] of pattern) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'square';
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + at);
      gain.gain.exponentialRampToValueAtTime(0.25, start + at + 0.02);
      gain.gain.setValueAtTime(0.25, start + at + length - 0.04);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + at + length);
      osc.connect(gain).connect(audio.destination);
      osc.start(start + at);
      osc.stop(start + at + length + 0.02);
    }
  }

  /** A browser that blocks sound until a click says so, small; a click (or key) anywhere turns it on. */
  function soundState() {
    const state = audio ? audio.state : 'none';
    document.body.dataset.audio = state;
    const hint = $('#sound');
    hint.hidden = state === 'running' || state === 'none';
    text(hint, t('soundOff'));
  }
  const unlock = () => {
    if (audio && audio.state !== 'running') audio.resume().then(soundState, soundState);
  };
  if (audio) audio.addEventListener('statechange', soundState);
  document.addEventListener('click', unlock);
  document.addEventListener('keydown', unlock);

  // ---- health: every 2 s the page tells the server the last seq it rendered and how long that took from the
  // message's arrival to the next painted frame (a frozen or hidden page stops painting), as {"type":"report",
  // "seq":N,"lag":ms}; GET /api/v1/walls and the wall-frozen alarm read it.
  let renderedSeq = null;
  let renderLag = 0;
  function rendered(value, receivedAt, reset) {
    requestAnimationFrame(() => {
      if (reset || renderedSeq === null || value > renderedSeq) renderedSeq = value;
      renderLag = Math.round(performance.now() - receivedAt);
    });
  }
  setInterval(() => {
    if (ws && ws.readyState === WebSocket.OPEN && renderedSeq !== null) {
      ws.send(JSON.stringify({ type: 'report', seq: renderedSeq, lag: renderLag }));
    }
  }, 2000);

  // ---- the connection ---------------------------------------------------------------------------
  function connect() {
    setConnection('connecting');
    const base = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/wall`;
    const socket = new WebSocket(seq === null ? base : `${base}?since=${seq}`);
    ws = socket;
    socket.onmessage = ev => {
      lastMessage = Date.now();
      const receivedAt = performance.now();
      const m = JSON.parse(ev.data);
      if (m.type === 'heartbeat') {
        setConnection('live');
        engine(m);
        return;
      }
      if (m.type !== 'snapshot' && m.type !== 'delta' && m.type !== 'alarms') return;
      if (m.type !== 'snapshot' && seq !== null && m.seq <= seq) return; // never go backwards
      if (m.type === 'alarms') {
        applyAlarms(m.alarms, m.alarmSummary, false);
        seq = m.seq;
        lastData = new Date();
        renderAlarms();
        setConnection('live');
        rendered(m.seq, receivedAt, false);
        return;
      }
      if (m.type === 'delta' && (m.alarms || m.alarmSummary)) { // a delta coalesced for a page that was behind
        applyAlarms(m.alarms || [], m.alarmSummary, false);
        renderAlarms();
      }
      if (m.type === 'snapshot') {
        tiles.clear();
        const first = !everLive;
        const known = new Set((m.alarms || []).map(a => String(a.id)));
        alarms.forEach((a, id) => { if (!known.has(id)) alarms.delete(id); });
        alarmSummary = null;
        applyAlarms(m.alarms || [], m.alarmSummary, first);
        renderAlarms();
      }
      (m.tiles || []).forEach(x => {
        tiles.set(x.id, x);
        remember(x);
      });
      seq = m.seq;
      lastData = new Date();
      everLive = true;
      layout(false);
      (m.tiles || []).forEach(x => {
        render(x);
        drawSpark(x.id);
      });
      if (m.type === 'snapshot') {
        tiles.forEach(render);
        drawMap();
        status();
      }
      summary();
      setConnection('live');
      rendered(m.seq, receivedAt, m.type === 'snapshot');
    };
    socket.onclose = event => {
      if (ws !== socket) return;
      ws = null;
      setConnection(everLive ? 'down' : 'connecting');
      window.pantauSession.closed(event);
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10000);
    };
    socket.onopen = () => { retry = 1000; lastMessage = Date.now(); };
  }

  // Silence for three heartbeats means a dead connection, even if the socket has not noticed.
  setInterval(() => {
    if (ws && ws.readyState === WebSocket.OPEN && Date.now() - lastMessage > 15000) ws.close();
    offline();
    tiles.forEach(x => {
      if (view(x).freshness === 'stale' && freshness(view(x), tileElement(x.id))) fitSoon(x.id);
    });
    clock();
  }, 1000);
  /** The city's time and date, from the page's first moment (not a placeholder until the first second passes). */
  function clock() {
    const now = new Date();
    text($('#clock'), time(now));
    text($('#date'), now.toLocaleDateString(locale(), { timeZone: city.timezone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }));
  }
  clock();
  city.ready.then(clock);
  setInterval(status, 30000);
  window.addEventListener('resize', () => layout(false));

  $('#lang').addEventListener('click', () => {
    lang = lang === 'id' ? 'en' : 'id';
    localStorage.setItem('pantau.lang', lang);
    applyLanguage();
  });

  Promise.all([
    fetch('/api/v1/areas').then(r => r.json()).catch(() => []),
    fetch(`/api/v1/tiles/history?hours=${SPARK_HOURS}`).then(r => r.json()).catch(() => ({})),
    // 404 when the catalog has no boundaries: the schematic map then.
    fetch('/api/v1/areas/geojson').then(r => (r.ok ? r.json() : null)).catch(() => null)
  ]).then(([a, history, shapes]) => {
    areas = Array.isArray(a) ? a : [];
    geo = shapes;
    Object.entries(history).forEach(([id, points]) => sparks.set(id, points.map(p => [Math.floor(p[0] / 1000), p[1]])));
    applyLanguage();
    connect();
  });
})();
