// A notification message's link: /console.html?alarm=<id>&link=<token> opens that alarm's detail and offers one button,
// "Acknowledge", which posts POST /api/v1/notifications/links/<token>. Nothing is posted by opening the link (a mail
// scanner or a chat preview that follows it acknowledges nothing). Once the server answered, the parameters leave the
// address bar, so that a reload posts nothing again. A browser that was not signed in was sent to sign in by the
// server, which brings it back to this same address, parameters included (security/SessionMechanism).
import { t } from './text.js';
import { $, api } from './common.js';
import { openDetail, refreshDetail } from './detail.js';

const link = { alarm: null, token: null, outcome: null, detail: '', status: null };

/** The page's own parameters, read once; the alarm's detail opened, the button shown when there is a token. */
export function startLink() {
  const params = new URLSearchParams(location.search);
  const alarm = params.get('alarm');
  if (!alarm || !/^[0-9]{1,19}$/.test(alarm)) return;
  link.alarm = alarm;
  link.token = params.get('link') || null;
  openDetail(alarm);
  renderLink();
}

/** The banner in the page's language (again after a switch). */
export function renderLink() {
  const banner = $('#link-ack');
  banner.hidden = !link.token && !link.outcome;
  if (banner.hidden) return;
  banner.dataset.alarmId = link.alarm;
  banner.dataset.result = link.outcome || 'waiting';
  if (link.status) banner.dataset.status = String(link.status);
  $('#link-ack-title').textContent = t('linkTitle').replace('{id}', link.alarm);
  $('#link-ack-button').hidden = link.outcome === 'acknowledged' || link.outcome === 'refused';
  $('#link-ack-result').textContent = link.outcome === 'acknowledged' ? t('linkAcked').replace('{id}', link.alarm)
    : link.outcome === 'refused' ? t('linkRefused').replace('{detail}', link.detail)
      : link.outcome === 'error' ? link.detail : '';
}

/** The address without alarm= and link=, in place of the current entry of the history. */
function forgetLink() {
  const url = new URL(location.href);
  url.searchParams.delete('alarm');
  url.searchParams.delete('link');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  link.token = null;
}

async function acknowledge() {
  if (!link.token) return;
  const button = $('#link-ack-button');
  button.disabled = true;
  try {
    await api('POST', `/api/v1/notifications/links/${encodeURIComponent(link.token)}`, {});
    Object.assign(link, { outcome: 'acknowledged', detail: '', status: 200 });
    forgetLink();
    refreshDetail();
  } catch (e) {
    if (e.signedOut) {
      // The session ended meanwhile: load this same address again; the server sends the browser to sign in and back.
      Object.assign(link, { outcome: 'error', detail: t('linkSignIn') });
      renderLink();
      location.reload();
      return;
    }
    if (e.status) { // the server's answer: already acknowledged, the link used or expired, not allowed
      Object.assign(link, { outcome: 'refused', detail: e.message, status: e.status });
      forgetLink();
      refreshDetail();
    } else { // not reached: the button stays for another try
      Object.assign(link, { outcome: 'error', detail: e.message });
    }
  } finally {
    button.disabled = false;
    renderLink();
  }
}

$('#link-ack-button').addEventListener('click', acknowledge);
