// The console's shell: who is signed in, which pages their role may open, and hash routing between them.
import { h, replace } from './dom.js';
import { session } from './api.js';
import { loginPage } from './pages/login.js';
import { searchPage } from './pages/search.js';
import { timelinePage } from './pages/timeline.js';
import { queuePage } from './pages/queue.js';
import { listsPage } from './pages/lists.js';
import { qualityPage } from './pages/quality.js';
import { matchingPage } from './pages/matching.js';
import { gradesPage } from './pages/grades.js';
import { samplingPage } from './pages/sampling.js';
import { minePage } from './pages/mine.js';
import { reportPage } from './pages/report.js';
import { verifyPage } from './pages/verify.js';
import { exchangePage } from './pages/exchange.js';
import { subscriptionsPage } from './pages/subscriptions.js';

// Roles per page mirror the API's own rules (DESIGN §5): the page only hides what the API would refuse anyway.
const pages = [
  { path: 'search', label: '信用公示 Disclosures', roles: null, render: searchPage },
  { path: 'timeline', label: '信用档案 Timeline', roles: ['auditor', 'credit-center'], render: timelinePage },
  // A subject follows its own repair applications and objections here (the API shows it only its own code).
  { path: 'queue', label: '修复与异议 Repairs & objections', roles: ['member-unit', 'credit-center', 'auditor', 'subject'], render: queuePage },
  { path: 'lists', label: '名单 List entries', roles: ['member-unit', 'credit-center', 'auditor'], render: listsPage },
  { path: 'quality', label: '数据质量 Data quality', roles: ['credit-center', 'member-unit'], render: qualityPage },
  { path: 'matching', label: '联合奖惩 Matching', roles: ['credit-center', 'auditor'], render: matchingPage },
  { path: 'grades', label: '信用评价 Grades', roles: ['credit-center', 'auditor'], render: gradesPage },
  { path: 'sampling', label: '双随机抽查 Sampling', roles: ['member-unit', 'credit-center'], render: samplingPage },
  // A subject's own view, credit reports and their public verification (DESIGN §4.8, §4.9).
  { path: 'mine', label: '我的信用 My credit', roles: ['subject'], render: minePage },
  { path: 'report', label: '信用报告 Credit report', roles: ['subject', 'credit-center'], render: reportPage },
  { path: 'verify', label: '报告核验 Verify a report', roles: null, render: verifyPage },
  { path: 'exchange', label: '报送共享 Exchange', roles: ['credit-center', 'auditor'], render: exchangePage },
  { path: 'subscriptions', label: '信息推送 Subscriptions', roles: ['approver', 'member-unit', 'credit-center', 'exchange'], render: subscriptionsPage },
  { path: 'login', label: '登录 Sign in', roles: null, render: loginPage, hidden: true },
];

const roleNames = {
  'public': '公众 Public', 'auditor': '审计人员 Auditor', 'member-unit': '成员单位 Member unit',
  'credit-center': '信用中心 Credit centre', 'approver': '审批系统 Approval system', 'subject': '信用主体 Subject',
  'exchange': '国家平台 National platform',
};

function allowed(page, claims) {
  return page.roles === null || (claims && page.roles.includes(claims.role));
}

function renderSession(claims) {
  const who = claims
    ? [h('span', { class: 'who', 'data-role': claims.role }, roleNames[claims.role] ?? claims.role,
        claims.unit ? ` · ${claims.unit}` : '', claims.subject ? ` · ${claims.subject}` : ''),
       h('button', { type: 'button', class: 'link', onclick: () => { session.signOut(); location.hash = '#/login'; render(); } }, '退出 Sign out')]
    : [h('a', { href: '#/login' }, '登录 Sign in')];
  replace(document.getElementById('session'), who);
}

function renderMenu(claims, current) {
  replace(document.getElementById('menu'), pages.filter(p => !p.hidden && allowed(p, claims)).map(p =>
    h('a', { href: `#/${p.path}`, class: p.path === current ? 'active' : null, 'aria-current': p.path === current ? 'page' : null }, p.label)));
}

export function render() {
  const claims = session.claims();
  const [path, rawQuery] = location.hash.replace(/^#\/?/, '').split('?');
  const page = pages.find(p => p.path === path) ?? pages[0];
  renderSession(claims);
  if (!allowed(page, claims)) {
    location.hash = '#/login';
    return;
  }
  renderMenu(claims, page.path);
  const main = document.getElementById('page');
  main.dataset.page = page.path;
  replace(main);
  page.render(main, { claims, params: new URLSearchParams(rawQuery ?? ''), navigate, refresh: render });
}

export function navigate(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

window.addEventListener('hashchange', render);
render();
