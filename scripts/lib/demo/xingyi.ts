// Demo reference data modelled on 兴义市's 2022 visitation campaign (seed/xingyi-visitation-campaign.txt):
// the units, the locality tree, the categories with their business owners, a published rule set that
// shows every precedence level, and the seed's three stories as case bodies for `POST /v1/cases`.
// 马革闹村 and its 肖家寨组 come from the seed; the other villages and communities are illustrative.
import type {
  CaseKind,
  Priority,
  RoutingCategory,
  RoutingLocality,
  RoutingReference,
  RoutingRule,
  RoutingUnit,
} from '../../../shared/routing/types';

export interface DemoCategory extends RoutingCategory {
  defaultKind?: CaseKind;
}

/** A case body as a visitor sends it to `POST /v1/cases`. */
export interface DemoStory {
  kind: CaseKind;
  category: string;
  title: string;
  description: string;
  locality: string;
  priority?: Priority;
  reporter?: { name: string; phone?: string };
  resolvedOnSpot?: { measures: string };
}

const department = (id: string, name: string): RoutingUnit => ({ id, name, kind: 'department', parentId: null });
const township = (id: string, name: string): RoutingUnit => ({ id, name, kind: 'township', parentId: null });

/** Parents before children, as the database's foreign keys need them. */
export const xingyiUnits: RoutingUnit[] = [
  { id: 'leadership', name: '大走访工作领导小组', kind: 'leadership', parentId: null },
  { id: 'office', name: '大走访活动办', kind: 'office', parentId: 'leadership' },
  department('political-legal', '市委政法委'),
  department('city-management', '综合行政执法局'),
  department('justice-bureau', '司法局'),
  department('civil-affairs', '民政局'),
  department('public-security', '公安局'),
  department('housing', '住建局'),
  department('hrss', '人社局'),
  department('education', '教育局'),
  department('market-regulation', '市场监管局'),
  department('transport', '交通运输局'),
  department('natural-resources', '自然资源局'),
  department('agriculture', '农业农村局'),
  department('letters-visits', '信访局'),
  township('xingtai-street', '兴泰街道办事处'),
  township('sajin-street', '洒金街道办事处'),
  township('huangcao-street', '黄草街道办事处'),
  township('fengdu-street', '丰都街道办事处'),
  township('qishe-town', '七舍镇人民政府'),
  township('maling-town', '马岭镇人民政府'),
  township('nidang-town', '泥凼镇人民政府'),
];

const place = (
  code: string,
  name: string,
  parentCode: string,
  governingUnitId: string | null = null,
): RoutingLocality => ({
  code,
  name,
  parentCode,
  governingUnitId,
});

/** City → streets and towns (each with its governing unit) → villages and communities → groups. */
export const xingyiLocalities: RoutingLocality[] = [
  { code: 'xingyi', name: '兴义市', parentCode: null, governingUnitId: null },
  place('xingtai', '兴泰街道', 'xingyi', 'xingtai-street'),
  place('xingtai-xinglong', '兴隆社区', 'xingtai'),
  place('sajin', '洒金街道', 'xingyi', 'sajin-street'),
  place('sajin-jinzhou', '金州社区', 'sajin'),
  place('huangcao', '黄草街道', 'xingyi', 'huangcao-street'),
  place('fengdu', '丰都街道', 'xingyi', 'fengdu-street'),
  place('qishe', '七舍镇', 'xingyi', 'qishe-town'),
  place('qishe-magenao', '马革闹村', 'qishe'),
  place('qishe-magenao-xiaojiazhai', '肖家寨组', 'qishe-magenao'),
  place('qishe-geshang', '革上村', 'qishe'),
  place('maling', '马岭镇', 'xingyi', 'maling-town'),
  place('nidang', '泥凼镇', 'xingyi', 'nidang-town'),
];

const category = (
  code: string,
  name: string,
  businessOwnerUnitId: string | null,
  defaultKind: CaseKind,
): DemoCategory => ({
  code,
  name,
  businessOwnerUnitId,
  defaultKind,
});

export const xingyiCategories: DemoCategory[] = [
  category('street-vending', '占道经营', 'city-management', 'suggestion'),
  category('funeral-reform', '殡葬改革', 'civil-affairs', 'problem_clue'),
  category('neighbour-dispute', '相邻关系纠纷', 'justice-bureau', 'conflict_risk'),
  category('road-access', '生产便道', 'agriculture', 'hardship'),
  category('rural-road', '农村公路', 'transport', 'problem_clue'),
  category('wage-arrears', '欠薪', 'hrss', 'hardship'),
  category('school-safety', '校园安全', 'education', 'problem_clue'),
  category('fraud-prevention', '反电信诈骗', 'public-security', 'suggestion'),
  category('housing-safety', '房屋安全', 'housing', 'hardship'),
  category('food-safety', '食品安全', 'market-regulation', 'problem_clue'),
  category('land-use', '土地利用', 'natural-resources', 'problem_clue'),
  category('petition', '信访积案', 'letters-visits', 'conflict_risk'),
  // No business owner: such cases go to the locality's government, or to triage at city level.
  category('other', '其他', null, 'problem_clue'),
];

/** The published rule set, one rule per precedence level and a kind-refined category rule. */
export const xingyiRules: RoutingRule[] = [
  // default: 业务主管、属地管理 written down, so explanations cite it. For a category without owner
  // its business_owner lead resolves to nothing and routing falls through to the locality default.
  { id: 'r-principle', lead: 'business_owner', coHandlers: ['locality'] },
  // kind: a conflict risk also goes to the 信访局, which tracks risks of petitions.
  { id: 'r-conflict-risk', kind: 'conflict_risk', lead: 'business_owner', coHandlers: ['locality', 'letters-visits'] },
  // locality subtree: 七舍镇 is a remote mountain town; its government leads, the department helps.
  { id: 'r-qishe', locality: 'qishe', lead: 'locality', coHandlers: ['business_owner'] },
  // category: neighbour disputes are mediated where they arise, guided by the 司法局.
  { id: 'r-disputes', category: 'neighbour-dispute', lead: 'locality', coHandlers: ['business_owner'] },
  // category + kind: arrears that risk conflict bring in the police.
  {
    id: 'r-wage-arrears-risk',
    category: 'wage-arrears',
    kind: 'conflict_risk',
    lead: 'business_owner',
    coHandlers: ['public-security', 'locality'],
  },
  // category + locality: the 司法局 visits 马革闹村 in this campaign (the seed) and leads its disputes.
  {
    id: 'r-magenao-disputes',
    category: 'neighbour-dispute',
    locality: 'qishe-magenao',
    lead: 'justice-bureau',
    coHandlers: ['locality'],
  },
];

/** The seed's three stories, in the order the press tells them. */
export const xingyiStories: DemoStory[] = [
  {
    kind: 'problem_clue',
    category: 'funeral-reform',
    title: '对集中治丧有关规定不理解',
    description: '居民对集中治丧有关规定不理解，希望了解兴义市殡葬改革政策。',
    locality: 'xingtai',
    reporter: { name: '曾某某' },
    resolvedOnSpot: { measures: '街道工作人员上门详细讲解殡葬改革政策有关文件内容，居民表示理解和支持。' },
  },
  {
    kind: 'suggestion',
    category: 'street-vending',
    title: '店外占道促销手续难办',
    description: '想经常在店外做些占道促销宣传，但占道手续不好办理，希望对店面宣传方面适当放宽。',
    locality: 'xingtai',
    reporter: { name: '周先生' },
  },
  {
    kind: 'conflict_risk',
    category: 'neighbour-dispute',
    title: '修整屋基挖毁上山便道',
    description: '村民修整自家屋基挖毁了原有的上山便道，新留出的通道坡度过陡，农用机械无法通过，影响生产。',
    locality: 'qishe-magenao-xiaojiazhai',
  },
];

export const xingyiReference: RoutingReference = {
  units: xingyiUnits,
  localities: xingyiLocalities,
  categories: xingyiCategories,
};

export const xingyiDemo = {
  units: xingyiUnits,
  localities: xingyiLocalities,
  categories: xingyiCategories,
  rules: xingyiRules,
  stories: xingyiStories,
  /** The rule set's version as first published. */
  rulesVersion: 1,
} as const;
