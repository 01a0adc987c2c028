// 报告核验: anyone who received a credit report checks its number and verification code (DESIGN §4.8); a genuine report
// shows whose it is, when it was generated and its SHA-256, and nothing of its content. No sign-in needed.
import { h, replace, badge, problem, field, cst } from '../dom.js';
import { api, query } from '../api.js';

export function verifyPage(main, { params, navigate }) {
  const number = h('input', { id: 'verify-number', value: params.get('number') ?? '', placeholder: 'CMR-20261201-000123' });
  const code = h('input', { id: 'verify-code', value: params.get('code') ?? '', placeholder: 'ABCD-EFGH-JKMN-PQRS' });
  const result = h('div', { id: 'verify-result' });
  replace(main,
    h('section', { class: 'card narrow' },
      h('h1', {}, '信用报告核验 Verify a credit report'),
      h('p', { class: 'hint' }, '输入报告每页所印的报告编号和核验码。 Enter the report number and verification code printed on every page.'),
      h('form', { class: 'inline', onsubmit: e => { e.preventDefault(); navigate(`#/verify?${query({ number: number.value.trim(), code: code.value.trim() })}`); } },
        field('报告编号 Report number', number), field('核验码 Verification code', code), h('button', { type: 'submit', id: 'verify-button' }, '核验 Verify'))),
    result);
  if (params.get('number') || params.get('code')) verify(result, params.get('number') ?? '', params.get('code') ?? '');
}

async function verify(box, number, code) {
  try {
    const answer = await api(`/api/v1/reports/verification?${query({ number, code })}`, { anonymous: true });
    replace(box, answer.valid
      ? h('section', { class: 'card narrow verified', 'data-valid': 'true' },
          h('h2', {}, badge('真实有效 Genuine', 'ok')),
          h('div', { class: 'detail' }, h('dl', {},
            h('dt', {}, '报告编号 Report number'), h('dd', { class: 'code' }, answer.reportNumber),
            h('dt', {}, '主体 Subject'), h('dd', { id: 'verify-subject' }, `${answer.subjectName} · ${answer.subjectCode}`),
            h('dt', {}, '生成时间 Generated'), h('dd', {}, cst(answer.generatedAt)),
            h('dt', {}, 'SHA-256'), h('dd', { class: 'code' }, answer.sha256))),
          h('p', { class: 'hint' }, '请将报告 JSON 的 SHA-256 与上值比对。 Compare the SHA-256 of the report JSON you hold with this value.'))
      : h('section', { class: 'card narrow', 'data-valid': 'false' },
          h('h2', {}, badge('未通过核验 Not genuine', 'bad')),
          h('p', {}, '没有与此编号和核验码相符的报告。 No report has this number and verification code.')));
  } catch (error) {
    replace(box, problem(error));
  }
}
