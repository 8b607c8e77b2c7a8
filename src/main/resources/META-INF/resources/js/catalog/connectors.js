// The connectors on the stewards' page: what each of the catalog's connectors has done on this server (messages,
// refusals and the last of them) and, for a pull feed, whether this server polls it, its last success, its error and
// its next attempt (GET /api/v1/connectors). An MQTT connector's broker login gets its secret here, as a device's does.
import { call } from '../api.js';

const $ = s => document.querySelector(s);

/** Fills #connectors; {@code logins} is /api/v1/catalog/broker-logins. */
export async function showConnectors(ctx, logins) {
  const { t, when, say } = ctx;
  const { answer } = await call('GET', '/api/v1/connectors');
  const body = $('#connectors tbody');
  body.replaceChildren();
  for (const c of answer) {
    const row = body.insertRow();
    row.dataset.connector = c.id;
    const where = c.topics ? c.topics.join(' ') : c.webhook ? `POST ${c.webhook}` + (c.secretConfigured ? '' : ` (${t('noSecret')})`)
      : `${t('every')} ${c.every.replace(/^PT/, '').toLowerCase()} → ${c.source}`;
    const health = c.type !== 'pull' ? '' : c.error ? `${t('failing')}: ${c.error} (${when(c.lastError)}); ${t('next')} ${when(c.nextAttempt)}`
      : c.lastSuccess ? `${t('ok')} ${when(c.lastSuccess)}${c.polling ? '' : ` (${t('otherServer')})`}` : (c.polling ? '' : t('otherServer'));
    [c.id, c.type, where, `${c.messages} / ${c.refused}`, c.lastMessage ? when(c.lastMessage) : '', c.lastRefusal || '', health]
      .forEach(text => { row.insertCell().textContent = text; });
    if (c.error) row.classList.add('failing');
    if (c.topics && logins.managed) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = t('issue');
      button.onclick = async () => {
        if (!confirm(t('issueConfirm').replace('{id}', c.id))) return;
        try {
          const issued = await call('POST', `/api/v1/catalog/connectors/${encodeURIComponent(c.id)}/credentials`);
          say(`${c.id}: ${t('password')} ${issued.answer.password} — ${t('shownOnce')}`);
        } catch (e) {
          say(e.message);
        }
      };
      row.insertCell().append(button);
    }
  }
  $('#connectors-none').hidden = answer.length > 0;
}
