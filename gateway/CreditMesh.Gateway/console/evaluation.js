// A subject's evaluation (公共信用综合评价, DESIGN §4.7, §5.2) as the pages show it: the grade, and for those who may see it the
// explanation (each indicator's points and the records and entries behind it).
import { h, table, badge, cst } from './dom.js';

export const gradeNames = { A: '优', B: '良', C: '中', D: '差' };
export const grades = ['A', 'B', 'C', 'D'];
export const dimensions = { Compliance: '守法合规', Dishonesty: '失信', Honour: '诚信荣誉', Commitment: '信用承诺', Activity: '经营活动' };
const capNames = { BlackListed: '黑名单一票否决 black entry: at most D', KeyAttention: '重点关注 key attention: at most C' };
const basisKinds = { Record: '记录 record', ListEntry: '名单 entry', Repair: '修复 repair' };

/** The grade as a badge: "B 良". */
export function gradeBadge(grade, id) {
  return h('span', { class: `grade grade-${grade}`, id, 'data-grade': grade }, `${grade} ${gradeNames[grade] ?? ''}`.trim());
}

/** Score, grade, caps and every indicator that gave points, with the ids behind them. */
export function explanation(evaluation) {
  const counted = evaluation.indicators.filter(i => i.count > 0 || i.points !== 0);
  return h('div', { class: 'evaluation', 'data-score': evaluation.score },
    h('p', { class: 'evaluation-summary' },
      '信用等级 Grade ', gradeBadge(evaluation.grade, 'evaluation-grade'),
      ' 评分 Score ', h('strong', { id: 'evaluation-score' }, String(evaluation.score)),
      ` · 模型 model ${evaluation.modelVersion} · 评价时点 as of ${cst(evaluation.evaluatedAt)}`),
    evaluation.caps.length
      ? h('p', { id: 'evaluation-caps' }, evaluation.caps.map(c => badge(capNames[c] ?? c, 'bad')))
      : null,
    table([
      { title: '指标 Indicator', value: i => `${i.name} ${i.code}` },
      { title: '维度 Dimension', value: i => `${dimensions[i.dimension] ?? ''} ${i.dimension}` },
      { title: '计数 Count', value: i => i.count },
      { title: '分值 Points', value: i => (i.points > 0 ? `+${i.points}` : String(i.points)) },
      { title: '依据 Basis', value: i => h('ul', { class: 'basis' }, i.basis.map(b => h('li', { class: 'code', 'data-basis': b.id },
          `${basisKinds[b.kind] ?? b.kind} ${b.id}`, b.disputed ? [' ', badge('异议中 disputed', 'warn')] : null))) },
    ], counted, { empty: '无加减分项：基础分 Nothing counted: the base score', rowAttrs: i => ({ 'data-indicator': i.code }) }));
}
