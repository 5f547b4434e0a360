// Notices are read by people: units by their names, times in Beijing time as a Chinese sentence
// writes them (2026年12月3日 17:00). The case workflow knows unit ids and ISO instants only, so its
// notice texts carry references, and the outbox renders them when it stores the notice
// (activities/notifications.ts), with the unit names of that moment. The notification keeps its
// machine fields (recipientUnitIds, at) beside the text, for webhook receivers.
import { campaignDateTimeChinese } from './campaign-clock';

// Brackets no template uses otherwise; user text goes through `userText`, so it never becomes one.
const REFERENCE = /⟦(unit|time):([^⟧]*)⟧/g;

/** Text a person typed (a title, a note), as a notice quotes it: it can never read as a reference. */
export const userText = (text: string): string => text.replaceAll('⟦', '〚').replaceAll('⟧', '〛');

/** A unit, named when the notice is stored. */
export const unitRef = (unitId: string): string => `⟦unit:${unitId}⟧`;

/** An instant, in Beijing time when the notice is stored. */
export const timeRef = (iso: string): string => `⟦time:${iso}⟧`;

/** The unit ids a text refers to, to look their names up. */
export function referencedUnits(...texts: string[]): string[] {
  const ids = new Set<string>();
  for (const text of texts)
    for (const [, kind, value] of text.matchAll(REFERENCE)) if (kind === 'unit') ids.add(value!);
  return [...ids];
}

/** The text people read. A unit without a name stays its id; a text without references is unchanged. */
export function renderNoticeText(text: string, unitNames: ReadonlyMap<string, string>): string {
  return text.replace(REFERENCE, (whole, kind: string, value: string) => {
    if (kind === 'unit') return unitNames.get(value) ?? value;
    const at = Date.parse(value);
    return Number.isNaN(at) ? whole : campaignDateTimeChinese(at);
  });
}
