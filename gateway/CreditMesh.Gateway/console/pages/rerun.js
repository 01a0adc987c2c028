// 比对复核: an auditor re-runs a match as of a past instant with that instant's measures catalogue (DESIGN §4.6).
import { h, replace, table, badge, problem, cst, field } from '../dom.js';
import { api } from '../api.js';
import { decisions, matters, listTypes, label } from '../labels.js';

export function rerunForm(subjectCode, asOf) {
  const matter = h('select', { id: 'rerun-matter' }, Object.entries(matters).map(([code, name]) => h('option', { value: code }, `${name} ${code}`)));
  const result = h('div', { id: 'rerun-result' });
  const run = async event => {
    event.preventDefault();
    replace(result, h('p', { class: 'hint' }, '比对中… Matching…'));
    try {
      const match = await api('/api/v1/match', { method: 'POST', body: { subjectCode: subjectCode(), matterCode: matter.value, asOf: asOf() } });
      replace(result, matchResult(match));
    } catch (error) {
      replace(result, problem(error));
    }
  };
  return h('section', { class: 'card', id: 'rerun' },
    h('h3', {}, '按时点复核比对 Re-run a match as of the chosen instant'),
    h('form', { class: 'inline', onsubmit: run }, field('事项 Matter', matter), h('button', { type: 'submit', id: 'rerun-button' }, '复核 Re-run')),
    result);
}

const decisionKind = { Prohibit: 'bad', Restrict: 'bad', Review: 'warn', Incentive: 'ok', Clear: 'muted' };

export function matchResult(match) {
  return h('div', { class: 'match' },
    h('p', {}, '结论 Decision: ', h('span', { id: 'match-decision' }, badge(label(decisions, match.decision), decisionKind[match.decision] ?? 'info')),
      ` · 评估时点 evaluated at ${cst(match.evaluatedAt)} · 措施目录版本 catalogue v${match.catalogVersion} · ${match.matchId}`),
    table([
      { title: '名单 List', value: hit => label(listTypes, hit.listType) },
      { title: '认定单位 Determined by', value: hit => hit.determinedBy },
      { title: '有效期至 Valid until', value: hit => cst(hit.validUntil) },
      { title: '措施 Measures', value: hit => (hit.measures ?? []).map(m => `${m.name}（${m.strength}）`).join('；') },
    ], match.hits ?? [], { empty: '未命中名单 No hits' }),
    (match.suppressed ?? []).length ? h('p', { class: 'hint' }, `被惩戒抑制的激励 Suppressed incentives: ${match.suppressed.length}`) : null);
}
