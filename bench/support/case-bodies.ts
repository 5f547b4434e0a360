// Case bodies as visitors send them to `POST /v1/cases`, drawn from the 兴义市 demo: every category,
// localities from streets to village groups, half with a reporter. All are routable and neither
// urgent nor resolved on the spot, so every one ends `queued` after `reported` (two events).
import { xingyiDemo, type DemoStory } from '../../scripts/lib/demo/xingyi';

const LOCALITIES = ['xingtai', 'xingtai-xinglong', 'sajin-jinzhou', 'huangcao', 'qishe-magenao-xiaojiazhai', 'maling'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵'];

export function caseBodies(count = 24): DemoStory[] {
  const categories = xingyiDemo.categories.filter((c) => c.businessOwnerUnitId !== null);
  return Array.from({ length: count }, (_, i): DemoStory => {
    const category = categories[i % categories.length]!;
    return {
      kind: category.defaultKind ?? 'problem_clue',
      category: category.code,
      title: `${category.name}问题反映（第${i + 1}号）`,
      description: `群众反映${category.name}方面的问题，希望有关部门尽快核实处理，并及时反馈办理情况。`,
      locality: LOCALITIES[i % LOCALITIES.length]!,
      ...(i % 2 === 0 ? { reporter: { name: `${SURNAMES[i % SURNAMES.length]!}先生`, phone: '13800001234' } } : {}),
    };
  });
}
