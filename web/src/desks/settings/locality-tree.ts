// The flat list the API pages out (each locality names its parent) as the nested nodes el-tree draws.
// A locality whose parent is not in the list is shown at the top rather than lost.
import type { LocalityView } from './api';

export interface LocalityNode {
  code: string;
  label: string;
  locality: LocalityView;
  children: LocalityNode[];
}

export function localityTree(localities: readonly LocalityView[]): LocalityNode[] {
  const nodes = new Map<string, LocalityNode>(
    localities.map((locality) => [
      locality.code,
      { code: locality.code, label: locality.name, locality, children: [] },
    ]),
  );
  const roots: LocalityNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.locality.parentCode ? nodes.get(node.locality.parentCode) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const byName = (a: LocalityNode, b: LocalityNode) => a.label.localeCompare(b.label, 'zh-CN');
  const sort = (list: LocalityNode[]) => {
    list.sort(byName);
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}
