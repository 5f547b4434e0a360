// The lists the form chooses from — campaigns, categories, localities, units — read from the API when
// online and kept in localStorage, so the form still works in a village without signal once the phone
// has opened it online one time. Every role may read these lists (docs/api.md "Reference data").

import { get } from '../../api/client';
import type { Page } from '../../api/types';

export interface FieldCampaign {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

export interface FieldReference {
  campaigns: FieldCampaign[];
  categories: Array<{ code: string; name: string }>;
  localities: Array<{ code: string; name: string; parentCode: string | null }>;
  units: Array<{ id: string; name: string }>;
  /** When this copy was read from the API. */
  savedAt: string;
}

const STORAGE_KEY = 'duban.field-reference.v1';

async function everyPage<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await get<Page<T>>(
      `${path}?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

function cached(): FieldReference | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored ? (JSON.parse(stored) as FieldReference) : null;
  } catch {
    return null;
  }
}

/** The API's lists when it answers (and saved for later), else the device's copy; null when neither. */
export async function loadFieldReference(): Promise<{ reference: FieldReference; fromDevice: boolean } | null> {
  try {
    const [campaigns, categories, localities, units] = await Promise.all([
      everyPage<FieldCampaign>('/v1/campaigns'),
      everyPage<{ code: string; name: string }>('/v1/categories'),
      everyPage<{ code: string; name: string; parentCode: string | null }>('/v1/localities'),
      everyPage<{ id: string; name: string }>('/v1/units'),
    ]);
    // Only what the form shows: the device keeps names, not whole policies.
    const reference: FieldReference = {
      campaigns: campaigns.map(({ id, name, startsOn, endsOn }) => ({ id, name, startsOn, endsOn })),
      categories: categories.map(({ code, name }) => ({ code, name })),
      localities: localities.map(({ code, name, parentCode }) => ({ code, name, parentCode })),
      units: units.map(({ id, name }) => ({ id, name })),
      savedAt: new Date().toISOString(),
    };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(reference));
    return { reference, fromDevice: false };
  } catch (error) {
    const copy = cached();
    if (copy) return { reference: copy, fromDevice: true };
    throw error;
  }
}

/** 马革闹村（七舍镇）: a village's name alone is often shared by several towns. */
export function localityLabel(reference: FieldReference, code: string): string {
  const locality = reference.localities.find((l) => l.code === code);
  if (!locality) return code;
  const parent = locality.parentCode ? reference.localities.find((l) => l.code === locality.parentCode) : undefined;
  return parent ? `${locality.name}（${parent.name}）` : locality.name;
}

/** The campaign under way today if there is one, else the latest (the API lists newest first). */
export function currentCampaign(reference: FieldReference, today: string): FieldCampaign | undefined {
  return reference.campaigns.find((c) => c.startsOn <= today && today <= c.endsOn) ?? reference.campaigns[0];
}
