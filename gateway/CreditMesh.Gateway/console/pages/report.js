// 信用报告: generate a credit report (DESIGN §4.8, §5.2) from the registry's archive, see what it shows, download its PDF.
// A subject generates reports about itself; the credit centre about any subject.
import { h, replace, table, badge, problem, field, cst } from '../dom.js';
import { api, apiFile } from '../api.js';
import { categories, severities, listTypes, label } from '../labels.js';

const purposes = { General: '一般用途', Bidding: '招标投标', Financing: '融资信贷', Application: '行政申请' };

export function reportPage(main, { claims, params }) {
  const own = claims.role === 'subject';
  const code = h('input', { id: 'report-subject', value: own ? claims.subject : (params.get('subjectCode') ?? ''), readonly: own,
    placeholder: '主体代码 Subject code' });
  const purpose = h('select', { id: 'report-purpose' }, Object.entries(purposes).map(([k, v]) => h('option', { value: k }, `${v} ${k}`)));
  const result = h('div', { id: 'report-result' });
  const generate = async e => {
    e.preventDefault();
    replace(result, h('p', { class: 'hint' }, '生成中… Generating…'));
    try {
      const issued = await api('/api/v1/reports', { method: 'POST', body: { subjectCode: code.value.trim(), purpose: purpose.value } });
      const report = await api(`/api/v1/reports/${encodeURIComponent(issued.reportId)}`);
      replace(result, issuedCard(issued), contents(report));
    } catch (error) {
      replace(result, problem(error));
    }
  };
  replace(main,
    h('section', { class: 'card' },
      h('h1', {}, '信用报告 Credit report'),
      h('p', { class: 'hint' }, '报告取自信用档案，仅显示生成时处于公示期内的信息；已修复、已撤销或超出公示期的信息不予显示。 ',
        'Built from the credit archive: only what is disclosed at the instant it is generated.'),
      h('form', { class: 'inline', onsubmit: generate },
        field('主体 Subject', code), field('用途 Purpose', purpose), h('button', { type: 'submit', id: 'report-generate' }, '生成报告 Generate'))),
    result);
}

function issuedCard(issued) {
  const status = h('span');
  const download = async () => {
    try {
      const blob = await apiFile(`/api/v1/reports/${encodeURIComponent(issued.reportId)}/pdf`);
      const link = h('a', { href: URL.createObjectURL(blob), download: `${issued.reportNumber}.pdf` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    } catch (error) {
      replace(status, problem(error));
    }
  };
  return h('section', { class: 'card', id: 'report-issued', 'data-report': issued.reportId },
    h('h2', {}, '已生成 Issued'),
    h('div', { class: 'detail' }, h('dl', {},
      h('dt', {}, '报告编号 Report number'), h('dd', { class: 'code', id: 'report-number' }, issued.reportNumber),
      h('dt', {}, '核验码 Verification code'), h('dd', { class: 'code', id: 'report-code' }, issued.verificationCode),
      h('dt', {}, '生成时间 Generated'), h('dd', {}, cst(issued.generatedAt)),
      h('dt', {}, 'SHA-256'), h('dd', { class: 'code' }, issued.sha256))),
    h('div', { class: 'row-action' },
      h('button', { type: 'button', id: 'report-pdf', onclick: download }, '下载 PDF Download PDF'),
      h('a', { href: `#/verify?number=${encodeURIComponent(issued.reportNumber)}&code=${encodeURIComponent(issued.verificationCode)}` }, '核验此报告 Verify it'),
      status));
}

function contents(report) {
  const s = report.sections;
  const evaluation = s.evaluation.evaluated
    ? `${s.evaluation.grade} (${s.evaluation.score}) · ${s.evaluation.modelVersion}` : s.evaluation.statement;
  const marked = item => (item.underObjection ? badge('异议中 Under objection', 'info') : '');
  return h('section', { class: 'card', id: 'report-contents' },
    h('h2', {}, `${report.subject.name} · ${report.subject.code}`),
    h('p', {}, '公共信用综合评价 Evaluation: ', h('strong', { id: 'report-evaluation' }, evaluation)),
    h('h3', {}, `行政处罚等 Penalties (${s.penalties.length})`),
    table([
      { title: '类别 Category', value: p => [label(categories, p.category), p.severity ? ` · ${label(severities, p.severity)}` : ''] },
      { title: '决定书文号 Decision no.', value: p => h('span', { class: 'code' }, p.decisionNumber ?? '—') },
      { title: '内容 Content', value: p => p.content ?? '—' },
      { title: '决定日期 Decided', value: p => p.decisionDate },
      { title: '异议 Objection', value: marked },
    ], s.penalties, { empty: '无 None', rowAttrs: p => ({ 'data-record': p.recordId }) }),
    h('h3', {}, `名单 List entries (${s.listEntries.length})`),
    table([
      { title: '名单 List', value: e => label(listTypes, e.listType) },
      { title: '有效期 Valid', value: e => `${cst(e.validFrom)} — ${cst(e.validUntil)}` },
      { title: '异议 Objection', value: marked },
    ], s.listEntries, { empty: '无 None', rowAttrs: e => ({ 'data-entry': e.listEntryId }) }),
    h('p', { class: 'hint' }, `行政许可 ${s.licenses.length} · 荣誉表彰 ${s.honors.length} · 信用承诺 ${s.commitments.length}`),
    h('ul', { class: 'notes' }, report.notes.map(n => h('li', {}, n))));
}
