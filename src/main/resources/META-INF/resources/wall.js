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
      stale: 'DATA LAMA', noData: 'BELUM ADA DATA', ago: '{n} lalu', critical: 'kritis', warning: 'peringatan',
      staleCount: 'data lama', partial: 'sebagian', criticalParam: 'parameter kritis', beyond: 'di atas skala',
      worstOf: 'terburuk', switchTo: 'EN', online: 'daring', of: 'dari', database: 'Basis data', tiles: 'panel',
      lgAqms: 'Stasiun udara', lgGauge: 'Pos duga air', lgTraffic: 'Lalu lintas', lgStale: 'Data lama', lgTide: 'Rawan rob',
      lgRain: 'Rawan banjir hujan', sea: 'Selat Makassar', s: 'dtk', m: 'mnt', h: 'jam', d: 'hari',
      alarms: 'ALARM', sev4: 'KRITIS', sev3: 'TINGGI', sev2: 'SEDANG', sev1: 'RENDAH', suppressed: '{n} ditangguhkan',
      noCritical: 'Tidak ada alarm kritis', more: '+{n} lainnya', escalated: 'ESKALASI', acked: 'diakui {who}',
      cleared: 'reda', flood: 'LONJAKAN ALARM · {n} baru / {m} mnt',
      soundOff: 'Suara mati — klik untuk menyalakan', lgAlarm: 'Kelurahan dengan alarm (tingkat terburuk)'
    },
    en: {
      city: 'Bontang City · Command Center', map: 'Kelurahan map', live: 'CONNECTED', connecting: 'CONNECTING…',
      down: 'DISCONNECTED', since: 'last data', offline: 'CONNECTION LOST — the screen has not been updated since {time} WITA. Reconnecting…',
      stalled: 'SERVER NOT COMPUTING — figures not updated since {time} WITA; every tile is marked stale',
      stale: 'STALE', noData: 'NO DATA YET', ago: '{n} ago', critical: 'critical', warning: 'warning',
      staleCount: 'stale', partial: 'partial', criticalParam: 'critical parameter', beyond: 'beyond the scale',
      worstOf: 'worst', switchTo: 'ID', online: 'online', of: 'of', database: 'Database', tiles: 'tiles',
      lgAqms: 'Air quality station', lgGauge: 'Water gauge', lgTraffic: 'Traffic counter', lgStale: 'Stale', lgTide: 'Tidal flood area',
      lgRain: 'Rain flood area', sea: 'Makassar Strait', s: 's', m: 'min', h: 'h', d: 'd',
      alarms: 'ALARMS', sev4: 'CRITICAL', sev3: 'HIGH', sev2: 'MEDIUM', sev1: 'LOW', suppressed: '{n} suppressed',
      noCritical: 'No critical alarms', more: '+{n} more', escalated: 'ESCALATED', acked: 'acknowledged by {who}',
      cleared: 'cleared', flood: 'ALARM FLOOD · {n} new / {m} min',
      soundOff: 'Sound off — click to enable', lgAlarm: 'Kelurahan with alarms (worst severity)'
    }
  };
  const DIMENSIONS = {
    governance: { id: 'Smart Governance · Tata kelola', en: 'Smart Governance' },
    economy: { id: 'Smart Economy · Ekonomi', en: 'Smart Economy' },
    mobility: { id: 'Smart Mobility · Mobilitas', en: 'Smart Mobility' },
    environment: { id: 'Smart Environment · Lingkungan', en: 'Smart Environment' },
    people: { id: 'Smart People · Masyarakat', en: 'Smart People' },
    living: { id: 'Smart Living · Kehidupan', en: 'Smart Living' },
    branding: { id: 'Smart Branding · Citra kota', en: 'Smart Branding' }
  };
  const UNITS = {
    id: { vehicles: 'kendaraan', calls: 'panggilan', complaints: 'aduan', patients: 'pasien', orders: 'pesanan',
      visits: 'kunjungan', visitors: 'wisatawan', lamps: 'lampu', count: '', min: 'mnt', 'ug/m3': 'µg/m³', ISPU: '' },
    en: { count: '', 'ug/m3': 'µg/m³', ISPU: '' }
  };
  const POLLUTANTS = { pm10: 'PM10', pm25: 'PM2.5', so2: 'SO₂', co: 'CO', o3: 'O₃', no2: 'NO₂', hc: 'HC' };
  const STATUS_COLOUR = { normal: '#2fa86a', warning: '#e5b530', critical: '#ef4b42', unknown: '#5b6774' };
  const WITA = 'Asia/Makassar';
  const SPARK_HOURS = 6;
  // The engine evaluates every tile each second; a heartbeat whose evaluation time is further behind than
  // this means the server stalled, and its last figures must not look current.
  const ENGINE_STALL_MS = 5000;

  const $ = s => document.querySelector(s);
  const t = key => TEXT[lang][key];
  const tiles = new Map();
  const elements = new Map();
  const charts = new Map();
  const sparks = new Map();
  const markers = new Map();
  let areas = [];
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
  function number(v, unit) {
    if (v === null || v === undefined) return '—';
    if (unit === 'IDR') {
      return new Intl.NumberFormat(locale(), { notation: 'compact', maximumFractionDigits: 1 }).format(v);
    }
    return new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(v);
  }
  const unitText = u => (u in (UNITS[lang] || {}) ? UNITS[lang][u] : (u in UNITS.en ? UNITS.en[u] : u || ''));
  const time = d => d.toLocaleTimeString(locale(), { timeZone: WITA, hour12: false });
  function age(ms) {
    const s = Math.max(0, Math.round(ms / 1000));
    const n = s < 60 ? s + ' ' + t('s') : s < 3600 ? Math.round(s / 60) + ' ' + t('m')
      : s < 86400 ? Math.round(s / 3600) + ' ' + t('h') : Math.round(s / 86400) + ' ' + t('d');
    return t('ago').replace('{n}', n);
  }
  function text(el, value) {
    if (el.textContent !== value) el.textContent = value;
  }

  // ---- layout: rows of dimensions, as many tiles a row as the screen holds at a readable size -----
  function layout(force) {
    const host = $('#dimensions');
    const capacity = Math.max(3, Math.floor(host.clientWidth / (window.innerWidth * 0.088)));
    const groups = [];
    for (const dim of [...Object.keys(DIMENSIONS), ...new Set([...tiles.values()].map(x => x.dimension))]) {
      const list = [...tiles.values()].filter(x => x.dimension === dim);
      if (list.length && !groups.some(g => g.dim === dim)) groups.push({ dim, list });
    }
    const key = capacity + '|' + groups.map(g => g.dim + g.list.map(x => x.id).join(',')).join(';') + lang;
    if (key === layoutKey && !force) return;
    layoutKey = key;
    // The large dimensions take whole rows first; the others fill the remaining rows in the masterplan's order.
    const rows = [];
    for (const g of groups.filter(g => g.list.length > capacity / 2)) {
      for (let i = 0; i < g.list.length; i += capacity) rows.push([{ dim: g.dim, list: g.list.slice(i, i + capacity) }]);
    }
    const small = [];
    for (const g of groups.filter(g => g.list.length <= capacity / 2)) {
      let row = small.find(r => r.reduce((n, p) => n + p.list.length, 0) + g.list.length <= capacity);
      if (!row) small.push(row = []);
      row.push(g);
    }
    rows.push(...small);
    host.replaceChildren(...rows.map(parts => {
      const row = document.createElement('div');
      row.className = 'row';
      for (const part of parts) {
        const section = document.createElement('section');
        section.className = 'dimension';
        section.style.flex = part.list.length + ' 1 0';
        const h2 = document.createElement('h2');
        h2.textContent = (DIMENSIONS[part.dim] || {})[lang] || part.dim;
        const grid = document.createElement('div');
        grid.className = 'tiles';
        grid.style.gridTemplateColumns = `repeat(${part.list.length}, minmax(0, 1fr))`;
        part.list.forEach(x => grid.appendChild(tileElement(x.id)));
        section.append(h2, grid);
        row.appendChild(section);
      }
      return row;
    }));
  }

  function tileElement(id) {
    let el = elements.get(id);
    if (el) return el;
    el = document.createElement('div');
    el.className = 'tile';
    el.id = 'tile-' + id;
    el.innerHTML = '<div class="title"></div><div class="main"><span class="value"></span><span class="unit"></span></div>'
      + '<div class="sub"><span class="badge" hidden></span><span class="detail"></span></div><div class="spark"></div>'
      + '<div class="foot"><span class="stale-label"></span><span class="fresh"></span><span class="time"></span></div>';
    elements.set(id, el);
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
    text(el.querySelector('.title'), x.title[lang] || x.title.id);
    const value = number(x.value, x.unit);
    text(el.querySelector('.value'), value);
    el.querySelector('.value').classList.toggle('long', value.length > 5);
    text(el.querySelector('.unit'), x.value === null ? '' : unitText(x.unit));
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
      detail = parts.join(' · ');
    } else if (x.level) {
      badgeText = lang === 'id' || x.level.id === x.level.en ? x.level.id : x.level.id + ' (' + x.level.en + ')';
      badgeClass += ' lvl-' + x.level.severity;
    }
    if (x.levels) {
      // The next threshold is what the room watches for.
      const next = [['Waspada', x.levels.waspada], ['Siaga', x.levels.siaga], ['Awas', x.levels.awas]]
        .find(([, cm]) => x.value === null || x.value < cm);
      detail = next ? `${next[0]} ≥ ${number(next[1])} cm` : `Awas ≥ ${number(x.levels.awas)} cm`;
    }
    if (x.total !== undefined && x.online !== undefined) {
      detail = `${x.online} ${t('of')} ${x.total} ${t('online')}`;
    }
    if (x.extras) {
      detail = Object.values(x.extras).map(e => `${e.title[lang] || e.title.id} ${number(e.value, e.unit)} ${
        e.value === null ? '' : unitText(e.unit)}`.trim()).join(' · ');
    }
    badge.hidden = !badgeText;
    text(badge, badgeText);
    if (badge.className !== badgeClass) badge.className = badgeClass;
    text(el.querySelector('.detail'), detail);
    freshness(x, el);
    marker(x);
  }

  function freshness(x, el) {
    const fresh = el.querySelector('.fresh');
    const when = el.querySelector('.time');
    const updated = x.updatedAt ? new Date(x.updatedAt) : null;
    if (x.freshness === 'no-data') {
      text(fresh, t('noData'));
      text(when, '');
    } else if (x.freshness === 'stale') {
      text(el.querySelector('.stale-label'), t('stale'));
      text(fresh, age(Date.now() - updated.getTime()));
      text(when, time(updated));
    } else {
      text(fresh, updated ? time(updated) : '');
      text(when, '');
    }
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

  // ---- the map: kelurahan at their label points, stations coloured by their tile's status ---------
  let project = null;
  function drawMap() {
    const svg = $('#map');
    if (!areas.length) return;
    const lats = areas.map(a => a.lat);
    const lons = areas.map(a => a.lon);
    const pad = 0.012;
    const minLon = Math.min(...lons) - pad;
    const maxLon = Math.max(...lons) + pad * 2.2;
    const minLat = Math.min(...lats) - pad;
    const maxLat = Math.max(...lats) + pad;
    const W = 1000;
    const H = Math.round(W * (maxLat - minLat) / ((maxLon - minLon) * Math.cos(0.13 * Math.PI / 180)));
    svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
    // Schematic, not survey: the sparse south (Bontang Lestari) is drawn closer, so the dense centre gets the room.
    const sorted = [...lats].sort((a, b) => a - b);
    const knee = sorted[Math.min(1, sorted.length - 1)] - pad;
    const warp = lat => lat >= knee ? 0.12 + 0.88 * (lat - knee) / (maxLat - knee) : 0.12 * (lat - minLat) / Math.max(1e-9, knee - minLat);
    project = (lat, lon) => [(lon - minLon) / (maxLon - minLon) * W, (1 - warp(lat)) * H];
    // A schematic coastline: the city faces the Makassar Strait to the east.
    const coast = [[0.21, 117.514], [0.175, 117.498], [0.15, 117.509], [0.128, 117.516], [0.108, 117.503], [0.08, 117.49],
      [0.04, 117.47]].map(([la, lo]) => project(la, lo).join(',')).join(' ');
    let html = `<polygon class="sea" points="${coast} ${W},${H} ${W},0"/>`
      + `<text class="sea-label" x="${W - 20}" y="${H * 0.8}" text-anchor="end">${t('sea')}</text>`;
    for (const a of areas) {
      const [x, y] = project(a.lat, a.lon);
      html += `<g class="area ${a.hazard || ''}" data-area="${a.slug}"><circle class="halo" cx="${x}" cy="${y}" r="46"/>`
        + `<circle cx="${x}" cy="${y}" r="20"/>`
        + `<text x="${x}" y="${y + 50}">${a.name}</text></g>`;
    }
    svg.innerHTML = html;
    markers.clear();
    tiles.forEach(marker);
    legend();
    shadeAreas();
  }

  const SHAPES = { ispu: 'circle', flood: 'triangle', value: 'square' };
  function marker(x) {
    if (!project || !x.area || !x.source || x.kind === 'worst') return;
    const a = areas.find(a => a.slug === x.area);
    if (!a) return;
    let m = markers.get(x.id);
    if (!m) {
      const here = [...markers.values()].filter(v => v.dataset.area === x.area).length;
      const [cx, cy] = project(a.lat, a.lon);
      const angle = -Math.PI / 2 + here * Math.PI / 3;
      const px = cx + Math.cos(angle) * 34;
      const py = cy + Math.sin(angle) * 34;
      const ns = 'http://www.w3.org/2000/svg';
      const shape = SHAPES[x.kind] || 'square';
      m = document.createElementNS(ns, shape === 'circle' ? 'circle' : shape === 'triangle' ? 'polygon' : 'rect');
      if (shape === 'circle') { m.setAttribute('cx', px); m.setAttribute('cy', py); m.setAttribute('r', 17); }
      else if (shape === 'triangle') m.setAttribute('points', `${px},${py - 20} ${px - 19},${py + 14} ${px + 19},${py + 14}`);
      else { m.setAttribute('x', px - 14); m.setAttribute('y', py - 14); m.setAttribute('width', 28); m.setAttribute('height', 28); }
      m.dataset.area = x.area;
      m.appendChild(document.createElementNS(ns, 'title'));
      $('#map').appendChild(m);
      markers.set(x.id, m);
    }
    m.setAttribute('class', 'station ' + (x.freshness === 'stale' ? 'stale' : x.status));
    m.firstChild.textContent = (x.title[lang] || x.id) + ': ' + number(x.value, x.unit) + ' ' + unitText(x.unit);
  }

  function legend() {
    const item = (svg, label) => `<span><svg viewBox="0 0 20 20">${svg}</svg>${label}</span>`;
    $('#legend').innerHTML = item('<circle cx="10" cy="10" r="8" fill="#2fa86a"/>', t('lgAqms'))
      + item('<polygon points="10,2 2,17 18,17" fill="#2fa86a"/>', t('lgGauge'))
      + item('<rect x="3" y="3" width="14" height="14" fill="#2fa86a"/>', t('lgTraffic'))
      + item('<circle cx="10" cy="10" r="7" fill="none" stroke="#c98b2c" stroke-width="3" stroke-dasharray="4 2"/>', t('lgStale'))
      + item('<circle cx="10" cy="10" r="7" fill="#18222e" stroke="#2f6fa3" stroke-dasharray="4 3"/>', t('lgTide'))
      + item('<circle cx="10" cy="10" r="7" fill="#18222e" stroke="#3d7f70" stroke-dasharray="2 3"/>', t('lgRain'))
      + item('<circle cx="10" cy="10" r="9" fill="#ef4b42" fill-opacity="0.45"/><circle cx="10" cy="10" r="4" fill="#18222e"/>',
        t('lgAlarm'));
  }

  // ---- header, summary, status line ------------------------------------------------------------
  function summary() {
    const all = [...tiles.values()];
    const critical = all.filter(x => x.status === 'critical' && view(x).freshness === 'fresh').length;
    const warning = all.filter(x => x.status === 'warning' && view(x).freshness === 'fresh').length;
    const stale = all.filter(x => view(x).freshness === 'stale').length;
    const parts = [];
    if (critical) parts.push(`<span class="critical">${critical} ${t('critical')}</span>`);
    if (warning) parts.push(`<span class="warning">${warning} ${t('warning')}</span>`);
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
    } else if (list.length > CRITICAL_SHOWN) {
      const li = document.createElement('li');
      li.className = 'more';
      li.textContent = t('more').replace('{n}', list.length - CRITICAL_SHOWN);
      items.push(li);
    }
    ol.replaceChildren(...items);

    const flood = alarmSummary && alarmSummary.flood;
    const f = $('#alarm-flood');
    f.hidden = !(flood && flood.active);
    document.body.classList.toggle('alarm-flood', !f.hidden);
    if (!f.hidden) text(f, t('flood').replace('{n}', flood.count).replace('{m}', flood.windowMinutes || 10));
    shadeAreas();
  }

  /** Each kelurahan with open annunciated alarms, shaded by the worst severity there. */
  function shadeAreas() {
    const worst = new Map();
    alarms.forEach(a => {
      if (a.area && annunciated(a)) worst.set(a.area, Math.max(worst.get(a.area) || 0, a.severity));
    });
    document.querySelectorAll('#map g.area').forEach(g => {
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
    socket.onclose = () => {
      if (ws !== socket) return;
      ws = null;
      setConnection(everLive ? 'down' : 'connecting');
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
      if (view(x).freshness === 'stale') freshness(view(x), tileElement(x.id));
    });
    const now = new Date();
    text($('#clock'), time(now));
    text($('#date'), now.toLocaleDateString(locale(), { timeZone: WITA, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }));
  }, 1000);
  setInterval(status, 30000);
  window.addEventListener('resize', () => layout(false));

  $('#lang').addEventListener('click', () => {
    lang = lang === 'id' ? 'en' : 'id';
    localStorage.setItem('pantau.lang', lang);
    applyLanguage();
  });

  Promise.all([
    fetch('/api/v1/areas').then(r => r.json()).catch(() => []),
    fetch(`/api/v1/tiles/history?hours=${SPARK_HOURS}`).then(r => r.json()).catch(() => ({}))
  ]).then(([a, history]) => {
    areas = a;
    Object.entries(history).forEach(([id, points]) => sparks.set(id, points.map(p => [Math.floor(p[0] / 1000), p[1]])));
    applyLanguage();
    connect();
  });
})();
