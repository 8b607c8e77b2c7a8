// The admin page over /api/v1/users, /api/v1/displays and /api/v1/audit (the session cookie signs the requests in).
(() => {
  const $ = s => document.querySelector(s);
  const say = text => { $('#message').textContent = text || ''; };
  const api = (method, path, body) => fetch(path, {
    method, credentials: 'same-origin',
    headers: body ? { 'Content-Type': 'application/json', Accept: 'application/json' } : { Accept: 'application/json' },
    body: body ? JSON.stringify(body) : undefined
  }).then(async r => {
    if (!r.ok) {
      const problem = await r.json().catch(() => ({}));
      throw new Error(problem.detail || `${r.status} ${r.statusText}`);
    }
    return r.status === 204 ? null : r.json();
  });
  const cell = (row, text) => { const td = row.insertCell(); td.textContent = text ?? ''; return td; };
  const button = (td, label, action, danger) => {
    const b = document.createElement('button');
    b.textContent = label;
    if (danger) b.className = 'danger';
    b.addEventListener('click', () => action().then(load).catch(e => say(e.message)));
    td.append(b, ' ');
  };

  function load() {
    api('GET', '/api/v1/users').then(users => {
      const body = $('#users tbody');
      body.replaceChildren();
      for (const u of users) {
        const row = body.insertRow();
        row.dataset.user = u.username;
        cell(row, u.username);
        cell(row, u.role.toLowerCase());
        cell(row, u.disabled ? 'disabled' : u.lockedUntil ? `locked until ${new Date(u.lockedUntil).toLocaleTimeString()}` : 'active');
        const actions = cell(row, '');
        const role = document.createElement('select');
        for (const r of ['viewer', 'operator', 'analyst', 'admin']) role.add(new Option(r, r, false, r === u.role.toLowerCase()));
        role.addEventListener('change', () => api('PATCH', `/api/v1/users/${u.username}`, { role: role.value }).then(load).catch(e => say(e.message)));
        actions.append(role, ' ');
        button(actions, u.disabled ? 'Enable' : 'Disable', () => api('PATCH', `/api/v1/users/${u.username}`, { disabled: !u.disabled }), !u.disabled);
        button(actions, 'Reset password', () => {
          const password = prompt(`New password for ${u.username} (12+ characters)`);
          return password ? api('PATCH', `/api/v1/users/${u.username}`, { password }) : Promise.resolve();
        });
      }
    }).catch(e => say(e.message));
    api('GET', '/api/v1/displays').then(displays => {
      const body = $('#displays tbody');
      body.replaceChildren();
      for (const d of displays.filter(x => !x.revokedAt)) {
        const row = body.insertRow();
        cell(row, d.label);
        cell(row, d.lastSeenAt ? new Date(d.lastSeenAt).toLocaleString() : 'never');
        cell(row, d.lastAddress);
        button(cell(row, ''), 'Revoke', () => api('DELETE', `/api/v1/displays/${d.id}`), true);
      }
    }).catch(e => say(e.message));
    api('GET', '/api/v1/audit?limit=50').then(events => {
      const body = $('#audit tbody');
      body.replaceChildren();
      for (const e of events) {
        const row = body.insertRow();
        [new Date(e.time).toLocaleString(), e.actor, e.action, e.subject, e.address, e.detail].forEach(v => cell(row, v));
      }
    }).catch(e => say(e.message));
  }

  $('#new-user').addEventListener('submit', event => {
    event.preventDefault();
    const f = new FormData(event.target);
    api('POST', '/api/v1/users', { username: f.get('username'), role: f.get('role'), password: f.get('password') })
      .then(() => { event.target.reset(); say(''); load(); }).catch(e => say(e.message));
  });
  $('#new-display').addEventListener('submit', event => {
    event.preventDefault();
    api('POST', '/api/v1/displays', { label: new FormData(event.target).get('label') }).then(created => {
      const link = `${location.origin}/display.html#${created.token}`;
      $('#token').hidden = false;
      $('#token').textContent = `Open this once on the kiosk (shown only now): ${link}`;
      event.target.reset();
      load();
    }).catch(e => say(e.message));
  });
  load();
})();
