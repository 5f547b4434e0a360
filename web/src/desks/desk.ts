// A desk (台) of the console: one folder under desks/ with a `desk.ts` that default-exports this.
// The registry finds every desk.ts by itself (registry.ts), the router mounts each at its path inside
// the layout, and the side menu lists those `inMenu` for the logged-in role. Each desk's component is
// loaded on first visit, so a desk's code (and ECharts, for the chart desks) is its own chunk.
import type { Component } from 'vue';
import type { Role } from '../api/types';

export interface Desk {
  /** The route's name, unique: `inbox`, `case`, `ledger`, … */
  name: string;
  /** Relative to `/`, vue-router syntax: `inbox`, `cases/:id`. */
  path: string;
  /** The menu entry and the page title, in Chinese. */
  title: string;
  /** Who may open it; the API still decides every call, this only keeps the menu honest. */
  roles: readonly Role[];
  inMenu: boolean;
  /** The menu's order, small first. */
  order: number;
  /** The inbox kinds whose counts the menu shows beside this entry; none for no badge. */
  countsKinds?: 'all';
  component: () => Promise<Component | { default: Component }>;
}
