// 数据质量: on-time, late and error rates per member unit over recent weeks (DESIGN §4.2), from GET /api/v1/quality.
import { h, replace, table, problem, field, todayCst } from '../dom.js';
import { api, query } from '../api.js';
import { barChart, lineChart, percent } from '../charts.js';

const WEEKS = 8;

export function qualityPage(main, { params, navigate, claims }) {
  const unit = claims.role === 'member-unit' ? claims.unit : (params.get('unit') ?? '');
  const unitInput = h('input', { id: 'quality-unit', value: unit, placeholder: '全部单位 all units', disabled: claims.role === 'member-unit' });
  const body = h('div', { id: 'quality-body' }, h('p', { class: 'hint' }, '统计中… Counting…'));
  replace(main,
    h('section', { class: 'card' },
      h('h1', {}, '数据质量 Data quality'),
      h('p', { class: 'hint' }, `最近${WEEKS}周，按周统计（中国标准时间） Last ${WEEKS} weeks, per week (China Standard Time)`),
      h('form', { class: 'inline', onsubmit: e => { e.preventDefault(); navigate(`#/quality?${query({ unit: unitInput.value.trim() })}`); } },
        field('成员单位 Unit', unitInput), h('button', { type: 'submit', id: 'quality-load' }, '统计 Show'))),
    body);
  load(body, unit);
}

function weeks() {
  return Array.from({ length: WEEKS }, (_, i) => {
    const back = (WEEKS - 1 - i) * 7;
    return { from: todayCst(-back - 6), to: todayCst(-back) };
  });
}

async function load(body, unit) {
  try {
    const periods = weeks();
    const [overall, ...perWeek] = await Promise.all([
      api(`/api/v1/quality?${query({ unit, from: periods[0].from, to: periods.at(-1).to })}`),
      ...periods.map(p => api(`/api/v1/quality?${query({ unit, ...p })}`)),
    ]);
    const units = overall.items.map(i => i.unit).slice(0, 6);
    const labels = periods.map(p => p.to.slice(5));
    const rate = (key, u) => perWeek.map(w => {
      const item = w.items.find(i => i.unit === u);
      return item && item.accepted + item.rejected > 0 ? item[key] : null;
    });
    replace(body,
      h('section', { class: 'card charts' },
        barChart('报送量 Submissions per unit', units, [
          { label: '接收 accepted', values: units.map(u => overall.items.find(i => i.unit === u).accepted) },
          { label: '退回 rejected', values: units.map(u => overall.items.find(i => i.unit === u).rejected) },
          { label: '迟报 late', values: units.map(u => overall.items.find(i => i.unit === u).late) },
        ]),
        lineChart('差错率 Error rate per week', labels, units.map(u => ({ label: u, values: rate('errorRate', u) })), percent),
        lineChart('迟报率 Late rate per week', labels, units.map(u => ({ label: u, values: rate('lateRate', u) })), percent)),
      h('section', { class: 'card' },
        h('h2', {}, `${overall.from} — ${overall.to}`),
        table([
          { title: '成员单位 Unit', value: i => h('span', { class: 'code' }, i.unit) },
          { title: '接收 Accepted', value: i => i.accepted },
          { title: '退回 Rejected', value: i => i.rejected },
          { title: '迟报 Late', value: i => i.late },
          { title: '更正 Corrected', value: i => i.corrected },
          { title: '按时率 On-time rate', value: i => (i.accepted ? percent(1 - i.lateRate) : '—') },
          { title: '差错率 Error rate', value: i => percent(i.errorRate) },
        ], overall.items, { empty: '此期间无报送 No submissions in this period', rowAttrs: i => ({ 'data-unit': i.unit }) })));
  } catch (error) {
    replace(body, problem(error));
  }
}
