// Display names of the platform's enumerations (DESIGN §4, §5.1), Chinese first as on a 信用门户.
export const categories = {
  AdministrativePenalty: '行政处罚', AdministrativeLicense: '行政许可', CourtDefaulter: '失信被执行人',
  MajorTaxViolation: '重大税收违法', CreditCommitment: '信用承诺', CommitmentBreach: '违反承诺', Honor: '荣誉表彰',
};
export const severities = { Minor: '轻微', General: '一般', Serious: '严重' };
export const listTypes = {
  SeriousDishonesty: '严重失信主体名单', CourtDefaulter: '失信被执行人', KeyAttention: '重点关注名单', RedList: '红名单',
};
export const listKinds = { SeriousDishonesty: 'black', CourtDefaulter: 'black', KeyAttention: 'grey', RedList: 'red' };
export const decisions = { Prohibit: '禁止', Restrict: '限制', Review: '审慎审查', Incentive: '激励', Clear: '无记录' };
export const matters = {
  GOV_PROCUREMENT: '政府采购', PUBLIC_BIDDING: '招标投标', FISCAL_FUNDING: '财政资金', ADMIN_LICENSING: '行政许可',
  TAX_INCENTIVE: '税收优惠', HONOR_AWARD: '评优评先', BOND_ISSUANCE: '发行债券', LAND_TRANSACTION: '土地交易',
  HIGH_CONSUMPTION: '高消费', LEGAL_REP_APPOINTMENT: '担任法定代表人',
};
export const statuses = {
  Active: '有效', Proposed: '拟列入', Suspended: '暂停', Removed: '已移出', Submitted: '已申请', Accepted: '已受理',
  Rejected: '不予受理', Approved: '准予修复', Denied: '不予修复', Open: '处理中', Resolved: '已办结', Upheld: '异议成立',
};
export const kinds = { LegalPerson: '法人', NaturalPerson: '自然人', Organization: '非法人组织', Government: '机关' };

/** "中文 English" for a known value, the value itself otherwise. */
export const label = (names, value) => (value in names ? `${names[value]} ${value}` : value ?? '—');
