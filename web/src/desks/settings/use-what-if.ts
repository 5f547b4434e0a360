// One what-if preview at a time, as the tab and its dialog share it: a new run (another filter)
// abandons the one still streaming, whose late lines must not overwrite the new figures.
import { reactive } from 'vue';
import type { ApiError } from '../../api/client';
import { streamWhatIf, type RoutingRule } from './api';
import { asApiError } from './labels';
import type { WhatIfAnswer, WhatIfFilter, WhatIfProgress } from './what-if';

export interface WhatIfRun {
  running: boolean;
  progress: WhatIfProgress | null;
  answer: WhatIfAnswer | null;
  failure: ApiError | null;
  /** The draft and filter last previewed: what a re-run and the publish send. */
  rules: RoutingRule[];
  filter: WhatIfFilter;
  run(rules: RoutingRule[], filter: WhatIfFilter): Promise<WhatIfAnswer | null>;
  cancel(): void;
}

export function useWhatIf(): WhatIfRun {
  let controller: AbortController | null = null;
  const state: WhatIfRun = reactive({
    running: false,
    progress: null,
    answer: null,
    failure: null,
    rules: [],
    filter: {},
    async run(rules: RoutingRule[], filter: WhatIfFilter) {
      controller?.abort();
      const mine = new AbortController();
      controller = mine;
      Object.assign(state, { running: true, progress: null, answer: null, failure: null, rules, filter });
      try {
        const answer = await streamWhatIf({ rules, filter }, (progress) => (state.progress = progress), mine.signal);
        if (controller === mine) state.answer = answer;
        return answer;
      } catch (caught) {
        if (mine.signal.aborted) return null;
        state.failure = asApiError(caught);
        return null;
      } finally {
        if (controller === mine) state.running = false;
      }
    },
    cancel() {
      controller?.abort();
      controller = null;
      state.running = false;
    },
  });
  return state;
}
