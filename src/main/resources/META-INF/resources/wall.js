// The wall: a snapshot, then deltas; on reconnection it resumes from the last seq it saw.
(() => {
  const DIMENSIONS = {
    governance: 'Smart Governance', economy: 'Smart Economy', mobility: 'Smart Mobility',
    environment: 'Smart Environment', people: 'Smart People', living: 'Smart Living', branding: 'Smart Branding'
  };
  const FRESHNESS = { fresh: 'terkini', stale: 'BASI — tidak ada data baru', 'no-data': 'belum ada data' };
  const tiles = new Map();
  let seq = null;
  let lastMessage = null;
  const wall = document.getElementById('wall');

  function render() {
    const byDim = new Map(Object.keys(DIMENSIONS).map(d => [d, []]));
    for (const t of tiles.values()) (byDim.get(t.dimension) || byDim.set(t.dimension, []).get(t.dimension)).push(t);
    wall.replaceChildren(...[...byDim].filter(([, ts]) => ts.length).map(([dim, ts]) => {
      const s = document.createElement('section');
      s.innerHTML = `<h2>${DIMENSIONS[dim] || dim}</h2>`;
      const list = document.createElement('div');
      list.className = 'tiles';
      ts.forEach(t => list.appendChild(tileElement(t)));
      s.appendChild(list);
      return s;
    }));
  }

  function tileElement(t) {
    const el = document.createElement('div');
    el.className = 'tile';
    el.id = 'tile-' + t.id;
    el.dataset.status = t.status;
    el.dataset.freshness = t.freshness;
    const value = t.value === null || t.value === undefined ? '—' : Number(t.value).toLocaleString('id-ID');
    const extra = t.category ? ` · ${t.category.id}` : t.level ? ` · ${t.level.id}` : '';
    el.innerHTML = `<div class="title"></div><div><span class="value"></span><span class="unit"></span></div>
      <div class="meta"><span class="freshness"></span><span class="time"></span></div>`;
    el.querySelector('.title').textContent = t.title.id;
    el.querySelector('.value').textContent = value + extra;
    el.querySelector('.unit').textContent = t.unit || '';
    el.querySelector('.freshness').textContent = FRESHNESS[t.freshness] || t.freshness;
    el.querySelector('.time').textContent = t.updatedAt ? ' · ' + new Date(t.updatedAt).toLocaleTimeString('id-ID', { timeZone: 'Asia/Makassar' }) : '';
    return el;
  }

  function setStatus(state, text) {
    const s = document.getElementById('status');
    s.dataset.state = state;
    document.getElementById('status-text').textContent = text;
  }

  function connect() {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/wall` + (seq !== null ? `?since=${seq}` : '');
    const ws = new WebSocket(url);
    ws.onopen = () => setStatus('live', 'terhubung');
    ws.onmessage = ev => {
      const m = JSON.parse(ev.data);
      if (m.type === 'snapshot') tiles.clear();
      for (const t of m.tiles) tiles.set(t.id, t);
      seq = m.seq;
      lastMessage = new Date();
      render();
    };
    ws.onclose = () => {
      const last = lastMessage ? lastMessage.toLocaleTimeString('id-ID', { timeZone: 'Asia/Makassar' }) : '—';
      setStatus('down', `terputus — pembaruan terakhir ${last} WITA; menyambung ulang…`);
      setTimeout(connect, 2000);
    };
  }

  setInterval(() => {
    document.getElementById('clock').textContent =
      new Date().toLocaleTimeString('id-ID', { timeZone: 'Asia/Makassar', hour12: false }) + ' WITA';
  }, 500);
  fetch('/q/health/ready').then(r => r.json()).then(h => {
    const mqtt = (h.checks || []).find(c => c.name === 'mqtt');
    if (mqtt && mqtt.data) document.getElementById('broker').textContent = `MQTT: ${mqtt.data.broker} (${mqtt.data.mode})`;
  }).catch(() => {});
  connect();
})();
