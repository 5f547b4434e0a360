// Interned lists of matching rules. Every list is reached by putting rules in front of a shorter
// one, and the same rule in front of the same list gives the same object: so once a list has been
// seen, finding it again allocates nothing, and its decision (which depends only on the list, the
// category's business owner and the locality's governing unit) is kept on it, built once.
import type { CompiledRule } from './compile';
import type { RoutingVerdict } from './types';

export class MatchList {
  private longer: Map<number, MatchList> | null = null;
  /** Lists with a category's own rules in front, by the id of that pair of rules (`withPrefix`). */
  private prefixed: Map<number, MatchList> | null = null;
  /** Most lists are only ever seen in one context: that one is kept outside the map. */
  private firstContext = -1;
  private firstVerdict: RoutingVerdict | null = null;
  private verdicts: Map<number, RoutingVerdict> | null = null;

  private constructor(
    readonly first: CompiledRule | null,
    readonly rest: MatchList | null,
  ) {}

  static empty(): MatchList {
    return new MatchList(null, null);
  }

  /** This list with the rule at `position` in front; itself for position -1 (no rule). */
  prepend(rules: readonly CompiledRule[], position: number): MatchList {
    if (position < 0) return this;
    const known = this.longer?.get(position);
    if (known) return known;
    const rule = rules[position];
    if (!rule) throw new Error(`no compiled rule at position ${position}`);
    const list = new MatchList(rule, this);
    (this.longer ??= new Map()).set(position, list);
    return list;
  }

  /**
   * This list with a category's own rules in front (its rule for the case's kind, then its rule for
   * any kind, either may be -1): two prepends, found with one lookup.
   */
  withPrefix(rules: readonly CompiledRule[], prefixId: number, anyKind: number, kind: number): MatchList {
    const known = this.prefixed?.get(prefixId);
    if (known) return known;
    const list = this.prepend(rules, anyKind).prepend(rules, kind);
    (this.prefixed ??= new Map()).set(prefixId, list);
    return list;
  }

  /** Most specific first. Lists are as long as a case has matching rules: a handful. */
  toArray(): CompiledRule[] {
    return this.first ? [this.first, ...(this.rest?.toArray() ?? [])] : [];
  }

  /** The decision kept for this list under the given (business owner, governing unit) key. */
  verdict(contextKey: number): RoutingVerdict | null | undefined {
    return contextKey === this.firstContext ? this.firstVerdict : this.verdicts?.get(contextKey);
  }

  keep(contextKey: number, verdict: RoutingVerdict): RoutingVerdict {
    if (this.firstVerdict === null) {
      this.firstContext = contextKey;
      this.firstVerdict = verdict;
    } else {
      (this.verdicts ??= new Map()).set(contextKey, verdict);
    }
    return verdict;
  }
}
