// 信用公示: anyone finds a subject by code or name and sees what is disclosed about it now (DESIGN §1, §5.1).
import { h, replace, table, badge, problem, cst } from '../dom.js';
import { api, query } from '../api.js';
import { categories, severities, listTypes, listKinds, kinds, label } from '../labels.js';
import { gradeBadge } from '../evaluation.js';

const creditCode = /^[0-9A-Z]{18}$/i;

export function searchPage(main, { params, navigate }) {
  const input = h('input', { id: 'search-text', type: 'search', value: params.get('q') ?? '', autocomplete: 'off',
    placeholder: '请输入统一社会信用代码或主体名称 Credit code or name', 'aria-label': '查询 Search' });
  const results = h('div', { id: 'search-results' });
  const submit = event => {
    event.preventDefault();
    navigate(`#/search?${query({ q: input.value.trim() })}`);
  };
  replace(main,
    h('section', { class: 'hero' },
      h('h1', {}, '信用信息公示查询'),
      h('p', {}, 'Search what is publicly disclosed about a company or person'),
      h('form', { class: 'searchbar', onsubmit: submit }, input, h('button', { type: 'submit', id: 'search-button' }, '查询 Search'))),
    results);
  const text = (params.get('q') ?? '').trim();
  if (!text) return;
  if (creditCode.test(text)) showDisclosure(results, text.toUpperCase(), params.get('name'));
  else findByName(results, text, navigate);
}

async function findByName(results, name, navigate) {
  replace(results, h('p', { class: 'hint' }, '查询中… Searching…'));
  try {
    const found = await api(`/api/v1/subjects?${query({ name })}`, { anonymous: true });
    replace(results, h('section', { class: 'card' },
      h('h2', {}, `名称包含“${name}”的主体 Subjects whose name contains “${name}”`),
      table([
        { title: '主体名称 Name', value: s => h('a', { href: `#/search?${query({ q: s.code, name: s.name })}`, class: 'subject-link' }, s.name) },
        { title: '统一社会信用代码 Credit code', value: s => s.code },
        { title: '类型 Kind', value: s => label(kinds, s.kind) },
        { title: '状态 Status', value: s => (s.deregistered ? badge('已注销 Deregistered', 'muted') : badge('存续 Registered', 'ok')) },
      ], found.items, { empty: '未找到匹配的主体 No subject found' })));
    if (found.items.length === 1) navigate(`#/search?${query({ q: found.items[0].code, name: found.items[0].name })}`);
  } catch (error) {
    replace(results, problem(error));
  }
}

async function showDisclosure(results, code, name) {
  replace(results, h('p', { class: 'hint' }, '查询中… Searching…'));
  try {
    const disclosure = await api(`/api/v1/disclosures?${query({ code })}`);
    replace(results, h('section', { class: 'card', id: 'disclosure' },
      h('h2', {}, '公示信息 Disclosed now: ', name ? h('span', { id: 'disclosed-name' }, `${name} `) : null,
        h('span', { class: 'code', id: 'disclosed-code' }, disclosure.subjectCode)),
      publicGrade(code),
      h('h3', {}, `名单信息 List entries (${disclosure.listEntries.length})`),
      h('div', { class: 'entries' }, disclosure.listEntries.length
        ? disclosure.listEntries.map(e => h('div', { class: `entry ${listKinds[e.listType] ?? ''}` },
            h('strong', {}, label(listTypes, e.listType)), h('small', {}, `有效期至 valid until ${cst(e.validUntil)}`)))
        : h('p', { class: 'empty' }, '未列入名单 On no list')),
      h('h3', {}, `行政处罚与许可等 Records (${disclosure.records.length})`),
      table([
        { title: '决定文书号 Decision number', value: r => r.decisionNumber },
        { title: '类别 Category', value: r => label(categories, r.category) },
        { title: '决定日期 Date', value: r => r.decisionDate },
        { title: '严重程度 Severity', value: r => (r.severity ? label(severities, r.severity) : '—') },
        { title: '决定机关 Authority', value: r => r.decidingAuthority },
        { title: '处罚内容 Content', value: r => r.penaltyContent ?? '—' },
        { title: '状态 Status', value: r => (r.underObjection ? badge('异议处理中 Under objection', 'warn') : badge('公示中 Disclosed', 'ok')) },
      ], disclosure.records, { empty: '无公示记录 Nothing disclosed', rowAttrs: r => ({ 'data-record': r.recordId }) })));
  } catch (error) {
    replace(results, problem(error));
  }
}

/** 公共信用综合评价: the public sees an organisation's grade alone (no score, no indicators); nothing for a person or an unrated subject. */
function publicGrade(code) {
  const box = h('p', { id: 'public-grade' });
  api(`/api/v1/evaluations/${encodeURIComponent(code)}/grade`, { anonymous: true })
    .then(g => replace(box, '信用评价等级 Credit grade: ', gradeBadge(g.grade, 'disclosed-grade'), h('small', {}, ` 模型 model ${g.modelVersion}`)))
    .catch(error => replace(box, error.status === 404 ? null : problem(error)));
  return box;
}
