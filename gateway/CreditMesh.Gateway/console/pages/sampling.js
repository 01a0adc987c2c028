// 双随机抽查: a member unit pastes the subjects it supervises, sets the base ratio and a seed, and draws weighted by grade
// (信用分级分类监管, DESIGN §4.7, §5.2); the draw is stored, re-readable by its id and downloadable.
import { h, replace, table, problem, field, cst } from '../dom.js';
import { api, query } from '../api.js';
import { grades, gradeBadge } from '../evaluation.js';

export function samplingPage(main, { params }) {
  const codes = h('textarea', { id: 'sampling-codes', rows: 8, placeholder: '每行一个统一社会信用代码 One credit code per line (or separated by commas or spaces)' });
  const ratio = h('input', { id: 'sampling-ratio', type: 'number', min: 0, max: 1, step: 'any', value: '0.1' });
  const seed = h('input', { id: 'sampling-seed', placeholder: '留空则随机 empty: a random seed', autocomplete: 'off' });
  const purpose = h('input', { id: 'sampling-purpose', placeholder: '例如 2026年第四季度双随机抽查', autocomplete: 'off' });
  const result = h('div', { id: 'sampling-result' });
  const draw = async event => {
    event.preventDefault();
    const subjectCodes = codes.value.split(/[\s,，;；]+/).map(c => c.trim().toUpperCase()).filter(Boolean);
    replace(result, h('p', { class: 'hint' }, '抽取中… Drawing…'));
    try {
      const drawn = await api('/api/v1/supervision/samplings', {
        method: 'POST',
        body: { subjectCodes, baseRatio: Number(ratio.value), seed: seed.value.trim() || undefined, purpose: purpose.value.trim() },
      });
      showDraw(result, drawn);
    } catch (error) {
      replace(result, problem(error));
    }
  };
  replace(main,
    h('section', { class: 'card' },
      h('h1', {}, '双随机抽查 Graded random inspection'),
      h('p', { class: 'hint' }, '各等级抽取 ceil(数量 × 基础比例 × 等级系数) 个主体；相同代码、比例和种子得到相同结果 Each grade draws ceil(count × base ratio × multiplier); the same codes, ratio and seed give the same subjects'),
      h('form', { id: 'sampling-form', novalidate: true, onsubmit: draw }, // the API judges the input and names the field
        field('检查对象名录 Subjects', codes),
        h('div', { class: 'inline' }, field('基础比例 Base ratio (0–1]', ratio), field('随机种子 Seed', seed), field('抽查事项 Purpose', purpose),
          h('button', { type: 'submit', id: 'sampling-draw' }, '抽取 Draw')))),
    result);
  const id = params.get('id');
  if (id) api(`/api/v1/supervision/samplings/${encodeURIComponent(id)}`).then(d => showDraw(result, d), error => replace(result, problem(error)));
}

function showDraw(result, drawn) {
  const file = new Blob([JSON.stringify(drawn, null, 2)], { type: 'application/json' });
  replace(result,
    h('section', { class: 'card', id: 'sampling-draw-result', 'data-sampling': drawn.samplingId },
      h('div', { class: 'draw-summary' },
        h('h2', {}, '抽取结果 Draw ', h('a', { href: `#/sampling?${query({ id: drawn.samplingId })}`, class: 'code', id: 'sampling-id' }, drawn.samplingId)),
        h('a', { href: URL.createObjectURL(file), download: `sampling-${drawn.samplingId}.json`, id: 'sampling-download' }, '下载 Download (JSON)')),
      h('p', {}, `种子 seed ${drawn.seed} · 基础比例 base ratio ${drawn.baseRatio} · 模型 model ${drawn.modelVersion} · 抽取于 drawn ${cst(drawn.drawnAt)}`,
        drawn.drawnBy ? ` · ${drawn.drawnBy}` : '', drawn.purpose ? ` · ${drawn.purpose}` : ''),
      table([
        { title: '等级 Grade', value: g => gradeBadge(g) },
        { title: '抽查比例 Ratio', value: g => drawn.ratios[g] ?? '—' },
        { title: '总数 Population', value: g => drawn.counts[g]?.population ?? 0 },
        { title: '抽中 Selected', value: g => drawn.counts[g]?.selected ?? 0 },
      ], grades, { rowAttrs: g => ({ 'data-count': g }) }),
      h('h3', {}, `抽中主体 Selected subjects (${drawn.selected.length})`),
      table([
        { title: '统一社会信用代码 Credit code', value: s => h('span', { class: 'code' }, s.subjectCode) },
        { title: '等级 Grade', value: s => gradeBadge(s.grade) },
      ], drawn.selected, { empty: '未抽中主体 Nobody selected', rowAttrs: s => ({ 'data-selected': s.subjectCode }) })));
}
