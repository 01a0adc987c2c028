// 联合奖惩: match statistics per unit and list (DESIGN §4.4: matches, hits, feedback completion) and an as-of re-run.
import { h, replace, table, problem, field, todayCst } from '../dom.js';
import { api, query } from '../api.js';
import { barChart, percent } from '../charts.js';
import { listTypes, matters, label } from '../labels.js';
import { matchResult } from './rerun.js';

export function matchingPage(main, { params, navigate, claims }) {
  const from = h('input', { id: 'stats-from', type: 'date', value: params.get('from') ?? todayCst(-30) });
  const to = h('input', { id: 'stats-to', type: 'date', value: params.get('to') ?? todayCst() });
  const body = h('div', { id: 'stats-body' }, h('p', { class: 'hint' }, '统计中… Counting…'));
  replace(main,
    h('section', { class: 'card' },
      h('h1', {}, '联合奖惩统计 Match statistics'),
      h('form', { class: 'inline', onsubmit: e => { e.preventDefault(); navigate(`#/matching?${query({ from: from.value, to: to.value })}`); } },
        field('自 From', from), field('至 To', to), h('button', { type: 'submit', id: 'stats-load' }, '统计 Show'))),
    body,
    claims.role === 'auditor' ? rerunCard(params) : null);
  // The statistics take instants: the chosen China-time days, the last one included.
  load(body, { from: `${from.value}T00:00:00+08:00`, to: `${nextDay(to.value)}T00:00:00+08:00` });
}

const nextDay = day => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

// The contract names the counts, not their keys' every spelling: read the DESIGN names, tolerate the obvious variants.
const matchesOf = i => i.matches ?? i.matchCount ?? 0;
const hitsOf = i => i.hits ?? i.hitCount ?? 0;
const feedbackOf = i => i.feedbackReceived ?? i.feedbacks ?? i.feedbackCompleted ?? 0;

function group(items, key) {
  const groups = new Map();
  for (const item of items) {
    const k = item[key] ?? '—';
    const g = groups.get(k) ?? { [key]: k, matches: 0, hits: 0, feedbackReceived: 0 };
    g.matches += matchesOf(item);
    g.hits += hitsOf(item);
    g.feedbackReceived += feedbackOf(item);
    groups.set(k, g);
  }
  return [...groups.values()];
}

async function load(body, filter) {
  try {
    const stats = await api(`/api/v1/match/statistics?${query(filter)}`);
    const items = stats.items ?? [];
    // Matching answers per-unit and per-list rows keyed by `key` (units, lists); byUnit/byList there are plain counts.
    const byUnit = stats.units?.map(u => ({ ...u, unit: u.key })) ?? group(items, 'unit');
    const byList = stats.lists?.map(l => ({ ...l, listType: l.key })) ?? group(items.filter(i => i.listType), 'listType');
    const completion = i => i.feedbackCompletion ?? (hitsOf(i) ? feedbackOf(i) / hitsOf(i) : matchesOf(i) ? feedbackOf(i) / matchesOf(i) : 0);
    replace(body,
      h('section', { class: 'card charts' },
        barChart('各单位比对与命中 Matches and hits per unit', byUnit.map(i => i.unit), [
          { label: '比对 matches', values: byUnit.map(matchesOf) },
          { label: '命中 hits', values: byUnit.map(hitsOf) },
          { label: '已反馈 feedback', values: byUnit.map(feedbackOf) },
        ]),
        barChart('反馈完成率 Feedback completion per unit', byUnit.map(i => i.unit), [{ label: '完成率 completion', values: byUnit.map(completion) }], percent),
        barChart('各名单命中 Hits per list', byList.map(i => listTypes[i.listType] ?? i.listType), [
          { label: '命中 hits', values: byList.map(hitsOf) },
          { label: '已反馈 feedback', values: byList.map(feedbackOf) },
        ])),
      h('section', { class: 'card' }, table([
        { title: '单位 Unit', value: i => h('span', { class: 'code' }, i.unit) },
        { title: '比对 Matches', value: matchesOf },
        { title: '命中 Hits', value: hitsOf },
        { title: '已反馈 Feedback', value: feedbackOf },
        { title: '反馈完成率 Completion', value: i => percent(completion(i)) },
      ], byUnit, { empty: '此期间无比对 No matches in this period', rowAttrs: i => ({ 'data-unit': i.unit }) }),
      byList.length ? table([
        { title: '名单 List', value: i => label(listTypes, i.listType) },
        { title: '命中 Hits', value: hitsOf },
        { title: '已反馈 Feedback', value: feedbackOf },
      ], byList, { rowAttrs: i => ({ 'data-list': i.listType }) }) : null));
  } catch (error) {
    replace(body, problem(error));
  }
}

function rerunCard(params) {
  const subject = h('input', { id: 'rerun-subject', value: params.get('subject') ?? '', placeholder: '主体代码 Subject code' });
  const matter = h('select', { id: 'rerun-matter' }, Object.entries(matters).map(([code, name]) => h('option', { value: code }, `${name} ${code}`)));
  const asOf = h('input', { id: 'rerun-as-of', type: 'datetime-local', step: 1, 'aria-label': '时点 As of (CST)' });
  const result = h('div', { id: 'rerun-result' });
  const run = async e => {
    e.preventDefault();
    try {
      // datetime-local has no zone: the console's instants are China Standard Time.
      const instant = asOf.value ? `${asOf.value.length === 16 ? `${asOf.value}:00` : asOf.value}+08:00` : new Date().toISOString();
      replace(result, matchResult(await api('/api/v1/match', { method: 'POST', body: { subjectCode: subject.value.trim(), matterCode: matter.value, asOf: instant } })));
    } catch (error) {
      replace(result, problem(error));
    }
  };
  return h('section', { class: 'card', id: 'rerun' },
    h('h2', {}, '复核历史比对 Re-run a past match'),
    h('form', { class: 'inline', onsubmit: run }, field('主体 Subject', subject), field('事项 Matter', matter), field('时点 As of (CST)', asOf),
      h('button', { type: 'submit', id: 'rerun-button' }, '复核 Re-run')),
    result);
}
