// One alarm's chips, flags and buttons (in its row and its detail), and the operator's actions through
// POST /api/v1/alarms/{id}/{action}, with the dialog that asks for a comment or a shelving's time and reason.
import { t } from './text.js';
import { $, api, el, message, say, state, when } from './common.js';
import { refreshDetail } from './detail.js';

export function severityChip(sev) {
  const s = el('span', 'sev sev-' + sev, String(sev));
  s.title = t('sev' + sev);
  return s;
}

export function flags(a, tag) {
  const cell = el(tag || 'td', 'flags');
  if (a.chattering) cell.appendChild(el('span', 'flag chattering', t('chattering')));
  if (a.escalated) cell.appendChild(el('span', 'flag escalated', t('escalated') + ' ' + when(a.escalatedAt)));
  if (a.shelvedUntil) {
    const f = el('span', 'flag shelved', t('shelvedUntil').replace('{time}', when(a.shelvedUntil)));
    f.title = [a.shelvedBy && t('by').replace('{who}', a.shelvedBy), a.shelveReason].filter(Boolean).join(': ');
    cell.appendChild(f);
    if (a.shelveReason) cell.appendChild(el('span', 'flag-note', a.shelveReason));
  }
  if (a.state === 'out-of-service') cell.appendChild(el('span', 'flag oos', t('outOfService')));
  return cell;
}

/** The operator's buttons for one alarm, as its state allows. */
export function actions(a) {
  const box = el('div', 'buttons');
  const button = (name, label, handler, cls) => {
    const b = el('button', 'act ' + (cls || ''), label);
    b.type = 'button';
    b.dataset.action = name;
    b.addEventListener('click', ev => { ev.stopPropagation(); handler(); });
    box.appendChild(b);
  };
  if (a.state === 'closed') return box;
  if (!a.acknowledgedAt) button('ack', t('ack'), () => dialog('ack', a), 'primary');
  button('comment', t('comment'), () => dialog('comment', a));
  if (a.state === 'shelved') {
    button('unshelve', t('unshelve'), () => act(a, 'unshelve', undefined, t('unshelve')));
  } else if (a.state !== 'out-of-service') {
    if (a.chattering) {
      button('shelve-chattering', t('shelveChattering'),
        () => act(a, 'shelve', { minutes: 30, reason: 'chattering' }, t('shelve')), 'warn');
    }
    button('shelve', t('shelve'), () => dialog('shelve', a));
  }
  return box;
}

async function act(a, action, body, label) {
  try {
    await api('POST', `/api/v1/alarms/${encodeURIComponent(a.id)}/${action}`, body);
    say(t('done').replace('{action}', label).replace('{id}', a.id), true);
    if (state.detailId !== null && String(state.detailId) === String(a.id)) refreshDetail();
    return true;
  } catch (e) {
    say(e.message);
    throw e;
  }
}

let pending = null;
function dialog(kind, a) {
  pending = { kind, alarm: a };
  const form = $('#action-form');
  form.reset();
  $('#action-error').textContent = '';
  $('#action-title').textContent = t(kind + 'Title');
  $('#action-alarm').textContent = `#${a.id} · ${message(a)}`;
  $('#action-comment').hidden = kind === 'shelve';
  $('#action-comment span').textContent = kind === 'ack' ? t('commentOptional') : t('comment');
  form.comment.required = kind === 'comment';
  $('#action-minutes').hidden = kind !== 'shelve';
  $('#action-reason').hidden = kind !== 'shelve';
  form.reason.required = kind === 'shelve';
  form.minutes.required = kind === 'shelve';
  $('#action-ok').textContent = t(kind);
  $('#action').showModal();
  (kind === 'shelve' ? form.minutes : form.comment).focus();
}

$('#action-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  if (!pending) return;
  const form = ev.target;
  const { kind, alarm } = pending;
  const comment = form.comment.value.trim();
  let body;
  if (kind === 'ack') body = comment ? { comment } : {};
  else if (kind === 'comment') body = { comment };
  else body = { minutes: Number(form.minutes.value), reason: form.reason.value.trim() };
  const ok = $('#action-ok');
  ok.disabled = true;
  try {
    await act(alarm, kind === 'ack' ? 'ack' : kind, body, t(kind));
    $('#action').close();
    pending = null;
  } catch (e) {
    $('#action-error').textContent = e.message;
  } finally {
    ok.disabled = false;
  }
});
$('#action-cancel').addEventListener('click', () => { $('#action').close(); pending = null; });
