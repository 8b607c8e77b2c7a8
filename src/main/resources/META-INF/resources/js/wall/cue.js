// The audible cue: made here with Web Audio (no sound file), on a new alarm of severity 4 (or one whose
// severity rises to 4, or that comes back active at 4) and on every new escalation; never for what the
// first snapshot held, never twice for the same alarm and reason. Each cue is recorded in
// window.pantauAlarmCues ({id, reason, time, audio}) and counted in document.body.dataset.alarmCues, so that a
// test without speakers sees it; body.dataset.audio says whether the browser lets the page sound.
import { t } from './text.js';
import { $, annunciated } from './state.js';
import { text } from './format.js';

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

/** Marks an alarm's cues as given without sounding them (the first snapshot's alarms). */
export function cueSilently(a) {
  cueKeys(a).forEach(([, k]) => cued.add(k));
}

/** An alarm that came or changed: its cues not given yet. */
export function cueFor(a) {
  if (a.chattering) { // a chattering alarm sounds once, not at every return
    cueSilently(a);
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
export function soundState() {
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
