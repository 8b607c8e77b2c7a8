// One device or feed on the stewards' page: when it was last heard, its newest stored readings, and its broker login's
// secret (issued by Pantau and shown once, when Pantau makes the broker's logins; otherwise the page says where they are
// made). Every call is the API's own, with its checks.
import { call } from '../api.js';

const $ = s => document.querySelector(s);

/** Shows source {@code id} of {@code section} ('devices' or 'feeds'); {@code logins} is /api/v1/catalog/broker-logins. */
export async function showSource(ctx, section, id, logins) {
  const { t, when, say } = ctx;
  const box = $('#source');
  box.hidden = false;
  box.dataset.source = id;
  $('#source-title').textContent = id;
  $('#secret').hidden = true;
  $('#secret-value').textContent = '';
  const { answer } = await call('GET', `/api/v1/catalog/activity/${encodeURIComponent(id)}`);
  $('#source-heard').textContent = answer.lastSeen ? when(answer.lastSeen) : t('planned');
  const body = $('#readings tbody');
  body.replaceChildren();
  for (const r of answer.readings) {
    const row = body.insertRow();
    [when(r.time), r.metric, `${r.value} ${r.unit}`.trim()].forEach(text => { row.insertCell().textContent = text; });
  }
  $('#readings-none').hidden = answer.readings.length > 0;
  const edit = $('#edit-source');
  edit.hidden = section !== 'devices' || !ctx.edit;
  edit.onclick = () => ctx.edit(id);
  const button = $('#issue');
  button.hidden = !logins.managed;
  $('#logins-note').textContent = logins.managed ? t('loginsManaged') : t('loginsElsewhere').replace('{why}', logins.elsewhere || '');
  button.onclick = async () => {
    if (!confirm(t('issueConfirm').replace('{id}', id))) return;
    try {
      const issued = await call('POST', `/api/v1/catalog/${section}/${encodeURIComponent(id)}/credentials`);
      $('#secret-value').textContent = `${t('username')}: ${issued.answer.username}\n${t('clientId')}: ${issued.answer.clientId}\n`
        + `${t('password')}: ${issued.answer.password}\n${t('topics')}: ${issued.answer.publishes.join(' ')}`;
      $('#secret').hidden = false;
    } catch (e) {
      say(e.message);
    }
  };
}
