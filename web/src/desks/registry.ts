// Every desk under desks/*/desk.ts, found at build time: adding a desk is adding its folder.
import type { Role } from '../api/types';
import type { Desk } from './desk';

const modules = import.meta.glob<{ default: Desk }>('./*/desk.ts', { eager: true });

export const DESKS: readonly Desk[] = Object.values(modules)
  .map((module) => module.default)
  .sort((a, b) => a.order - b.order);

export const menuDesksFor = (role: Role): Desk[] => DESKS.filter((desk) => desk.inMenu && desk.roles.includes(role));

export const deskNamed = (name: string): Desk | undefined => DESKS.find((desk) => desk.name === name);
