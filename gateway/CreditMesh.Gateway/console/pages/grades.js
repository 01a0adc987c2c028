// 信用分级: how many subjects hold each grade (DESIGN §4.7), by subject kind and region, from GET /api/v1/evaluations/statistics.
import { h, replace, table, problem, field, cst } from '../dom.js';
import { api, query } from '../api.js';
import { barChart } from '../charts.js';
import { kinds, label } from '../labels.js';
import { grades, gradeNames, gradeBadge } from '../evaluation.js';

export function gradesPage(main, { params, navigate }) {
  const kind = h('select', { id: 'grades-kind' },
    h('option', { value: '' }, '全部类型 all kinds'),
    Object.keys(kinds).map(k => h('option', { value: k, selected: params.get('kind') === k }, label(kinds, k))));
  const region = h('input', { id: 'grades-region', value: params.get('region') ?? '', placeholder: '例如 e.g. 440300', maxlength: 6, inputmode: 'numeric' });
  const body = h('div', { id: 'grades-body' }, h('p', { class: 'hint' }, '统计中… Counting…'));
  replace(main,
    h('section', { class: 'card' },
      h('h1', {}, '信用评价等级分布 Grade distribution'),
      h('p', { class: 'hint' }, '行政区划代码为统一社会信用代码第3–8位 Region: positions 3–8 of the credit code'),
      h('form', { class: 'inline', onsubmit: e => { e.preventDefault(); navigate(`#/grades?${query({ kind: kind.value, region: region.value.trim() })}`); } },
        field('主体类型 Kind', kind), field('行政区划 Region', region), h('button', { type: 'submit', id: 'grades-load' }, '统计 Show'))),
    body);
  load(body, { kind: params.get('kind'), region: params.get('region') });
}

async function load(body, filter) {
  try {
    const [stats, model] = await Promise.all([api(`/api/v1/evaluations/statistics?${query(filter)}`), api('/api/v1/evaluations/model')]);
    const ratios = model.inspectionRatios ?? {};
    replace(body,
      h('section', { class: 'card charts' },
        barChart('各等级主体数 Subjects per grade', grades.map(g => `${g} ${gradeNames[g]}`), [{ label: '主体 subjects', values: grades.map(g => stats.byGrade[g] ?? 0) }])),
      h('section', { class: 'card' },
        h('h2', {}, `共 ${stats.total} 个主体 ${stats.total} subjects · 统计时点 counted at ${cst(stats.countedAt)} · 模型 model ${model.version}`),
        table([
          { title: '等级 Grade', value: g => gradeBadge(g) },
          { title: '主体数 Subjects', value: g => stats.byGrade[g] ?? 0 },
          { title: '占比 Share', value: g => (stats.total ? `${Math.round(((stats.byGrade[g] ?? 0) * 1000) / stats.total) / 10}%` : '—') },
          { title: '抽查比例系数 Inspection multiplier', value: g => (g in ratios ? `× ${ratios[g]}` : '—') },
        ], grades, { rowAttrs: g => ({ 'data-grade-row': g }) })));
  } catch (error) {
    replace(body, problem(error));
  }
}
