// What an action is about, when its path names one thing among several: the extension request to
// decide, the instruction to acknowledge. Read from the case's own timeline.

import { beijingDateTime } from '../../lib/beijing-time';
import type { AllowedAction, CaseEvent } from '../../api/types';

const lastSegmentBefore = (path: string, marker: string) => {
  const segments = path.split('/');
  const at = segments.lastIndexOf(marker);
  return at > 0 ? segments[at - 1] : undefined;
};

const findEvent = (events: CaseEvent[], type: string, key: string, id: string | undefined) =>
  id === undefined ? undefined : events.findLast((event) => event.type === type && event.data[key] === id);

export function actionHint(allowed: AllowedAction, events: CaseEvent[]): string | undefined {
  if (allowed.action === 'decideExtension') {
    const request = findEvent(events, 'extension_requested', 'requestId', lastSegmentBefore(allowed.path, 'decision'));
    if (!request) return undefined;
    return `申请延期至 ${beijingDateTime(String(request.data.until))}\n理由：${String(request.data.reason)}`;
  }
  if (allowed.action === 'acknowledgeInstruction') {
    const given = findEvent(events, 'instruction_given', 'instructionId', lastSegmentBefore(allowed.path, 'ack'));
    return given ? `批示：${String(given.data.text)}` : undefined;
  }
  return undefined;
}
