// The API's validation messages of the settings routes are English sentences (the password rule's is
// Chinese already). A clerk reads them in Chinese: the known shapes are said again here, the rest
// shown as the API wrote them (shared/routing/compile.ts, shared/domain/working-days.ts).

const SHAPES: Array<[RegExp, (...groups: string[]) => string]> = [
  [/^a rule needs a non-empty id$/, () => '规则须有编号'],
  [/^rule id (.+) is used by (\d+) rules/, (id, n) => `规则编号 ${id} 被 ${n} 条规则使用，编号须唯一`],
  [/^category (.+) is not a known category$/, (code) => `类别 ${code} 不存在`],
  [/^locality (.+) is not a known locality$/, (code) => `区划 ${code} 不存在`],
  [/^kind (.+) is not one of/, (kind) => `案件类型 ${kind} 无效`],
  [/^lead (.+) is not a known unit/, (unit) => `牵头单位 ${unit} 不存在`],
  [/^co-handler (.+) is not a known unit/, (unit) => `协办单位 ${unit} 不存在`],
  [
    /^(lead|co-handler) must be business_owner/,
    (who) => `${who === 'lead' ? '牵头' : '协办'}单位须为业务主管单位、属地或某个单位`,
  ],
  [/^ties with rule (.+?): /, (ids) => `与规则 ${ids} 的匹配条件完全相同，二者会以同等优先级匹配同样的案件`],
  [/^(\S+) is not in (\d+)$/, (day, year) => `${day} 不在 ${year} 年内`],
  [/^(\S+) is listed twice$/, (day) => `${day} 重复列出`],
  [/^(\S+) is also listed as a holiday$/, (day) => `${day} 同时被列为放假日`],
  [
    /^(\S+) is a weekday, a working day already/,
    (day) => `${day} 是周一至周五，本就是工作日；调休上班日须为周六或周日`,
  ],
  [/^(.+) does not exist$/, (value) => `${value} 不存在`],
  [/^must be lowercase letters, digits/, () => '只能使用小写字母、数字、“-”或“_”'],
  [/^must be 2 to 64 letters/, () => '须为 2 至 64 个字母、数字或 . _ @ -'],
  [/^must be an ISO-8601 duration/, () => '须为 ISO-8601 时长，例如 P7D（7 天）或 PT48H（48 小时）'],
  [/^must be an http\(s\) URL$/, () => '须为 http(s) 地址'],
  [/^must be an (?:absolute )?http or https URL$/, () => '须为完整的 http(s) 地址'],
  [
    /^(\S+) (?:is |is the local host, |resolves to \S+, )a loopback, link-local or private address/,
    (host) => `${host} 是本机或内网地址，未列入 DUBAN_WEBHOOK_ALLOW，不能作为推送地址`,
  ],
];

/** The message in Chinese when its shape is known; the API's own words otherwise. */
export function inChinese(message: string): string {
  for (const [pattern, say] of SHAPES) {
    const match = pattern.exec(message);
    if (match) return say(...match.slice(1));
  }
  return message;
}

/** The Chinese part of a message the API writes in both languages (the password rule's). */
export function chinesePart(message: string): string {
  const end = message.search(/[。] [A-Z]/);
  return end > 0 ? message.slice(0, end + 1) : inChinese(message);
}

/**
 * The API's `errors[]` by path without `body.`: `password`, `policy.resolveWithin`, `holidays.3`,
 * `rules[r-1]`, `rules.2.lead` — each form looks up the paths of its own fields.
 */
export function messagesByPath(errors: ReadonlyArray<{ path: string; message: string }> = []): Map<string, string> {
  const found = new Map<string, string>();
  for (const { path, message } of errors) {
    const key = path.replace(/^body\.?/, '');
    const said = chinesePart(message);
    found.set(key, found.has(key) ? `${found.get(key)}；${said}` : said);
  }
  return found;
}
