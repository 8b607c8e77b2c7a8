// The whole catalog as YAML, for what has no form (tiles, alarm rules, kinds, areas): checked by the server as you type
// (a dry run of PUT /api/v1/catalog, half a second after the last key), every problem listed with its path, and saved
// as a new version only when it validates. The text is the newest version's, comments kept.
import { call } from '../api.js';

const $ = s => document.querySelector(s);
let timer = null;
let checked = 0;

/** Loads the newest version's text into the editor (unless it holds unsaved changes). */
export async function loadEditor(ctx, force) {
  const area = $('#yaml');
  if (area.dataset.dirty === 'true' && !force) return;
  const { answer, etag } = await call('GET', '/api/v1/catalog', { accept: 'application/yaml' });
  area.value = answer;
  area.dataset.etag = etag;
  area.dataset.dirty = 'false';
  show(ctx, [], null);
}

function show(ctx, problems, changes) {
  const list = $('#yaml-problems');
  list.replaceChildren(...problems.map(p => Object.assign(document.createElement('li'), { textContent: p })));
  $('#yaml-state').textContent = problems.length ? ctx.t('yamlProblems').replace('{n}', problems.length)
    : changes ? ctx.t('yamlValid').replace('{what}', changes) : '';
  $('#yaml-save').disabled = problems.length > 0 || !changes;
}

async function check(ctx) {
  const area = $('#yaml');
  const mine = ++checked;
  try {
    const { answer } = await call('PUT', '/api/v1/catalog?dryRun=true', { body: area.value, type: 'application/yaml', ifMatch: area.dataset.etag });
    if (mine === checked) show(ctx, [], answer.unchanged ? null : answer.summary);
  } catch (e) {
    if (mine === checked) show(ctx, (e.answer && e.answer.problems) || [e.message], null);
  }
}

export function startEditor(ctx, saved) {
  const area = $('#yaml');
  area.addEventListener('input', () => {
    area.dataset.dirty = 'true';
    clearTimeout(timer);
    timer = setTimeout(() => check(ctx), 500);
  });
  $('#yaml-save').addEventListener('click', async () => {
    try {
      const { answer } = await call('PUT', '/api/v1/catalog', { body: area.value, type: 'application/yaml', ifMatch: area.dataset.etag });
      area.dataset.dirty = 'false';
      ctx.say(ctx.t('yamlSaved').replace('{v}', answer.version));
      await saved();
      await loadEditor(ctx, true);
    } catch (e) {
      show(ctx, (e.answer && e.answer.problems) || [e.message], null);
    }
  });
}
