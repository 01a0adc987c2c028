// Sign in with a bearer token: pasted, or in Development picked from the tokens the gateway mints per role.
import { h, replace, problem } from '../dom.js';
import { session } from '../api.js';

const landing = {
  'auditor': '#/timeline', 'credit-center': '#/quality', 'member-unit': '#/queue', 'subject': '#/mine',
  'approver': '#/subscriptions', 'exchange': '#/subscriptions',
};

export function loginPage(main, { navigate }) {
  const picker = h('div', { class: 'roles' }, h('p', { class: 'hint' }, '正在读取开发令牌… Loading development tokens…'));
  const pasted = h('textarea', { id: 'token', rows: 4, placeholder: 'eyJhbGciOi…', 'aria-label': '令牌 Token' });
  const status = h('div');

  const signIn = token => {
    session.signIn(token);
    const claims = session.claims();
    if (!claims) {
      session.signOut();
      replace(status, problem(new Error('令牌无效或已过期 The token is malformed or expired.')));
      return;
    }
    navigate(landing[claims.role] ?? '#/search');
  };

  replace(main,
    h('section', { class: 'card narrow' },
      h('h1', {}, '登录 Sign in'),
      h('h2', {}, '开发环境：选择角色 Development: pick a role'),
      picker,
      h('h2', {}, '或粘贴令牌 Or paste a token'),
      pasted,
      h('button', { type: 'button', id: 'use-token', onclick: () => signIn(pasted.value) }, '使用此令牌 Use this token'),
      status,
      h('p', { class: 'hint' }, '公众无需登录即可查询信用公示。 The public searches disclosures without signing in: ',
        h('a', { href: '#/search' }, '信用公示 Disclosures'))));

  // Outside Development the route does not exist (404): only the pasted token remains.
  fetch('dev-tokens', { headers: { Accept: 'application/json' } })
    .then(r => (r.ok ? r.json() : null))
    .then(body => {
      if (!body) {
        replace(picker, h('p', { class: 'hint' }, '非开发环境：请粘贴令牌。 Not a development system: paste a token.'));
        return;
      }
      replace(picker, body.items.map(t =>
        h('button', { type: 'button', class: 'role', 'data-role': t.role, onclick: () => signIn(t.token) },
          h('strong', {}, t.label), t.unit ? h('small', {}, t.unit) : null, t.subject ? h('small', {}, t.subject) : null)));
    })
    .catch(() => replace(picker, h('p', { class: 'hint' }, '无法读取开发令牌 Could not load development tokens.')));
}
