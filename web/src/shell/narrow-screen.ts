// Whether the screen is phone-narrow: the layout trades its side menu for a top bar there.
import { onBeforeUnmount, ref, type Ref } from 'vue';

export function useNarrowScreen(maxWidth = 768): Ref<boolean> {
  const query = window.matchMedia(`(max-width: ${maxWidth}px)`);
  const narrow = ref(query.matches);
  const update = () => (narrow.value = query.matches);
  query.addEventListener('change', update);
  onBeforeUnmount(() => query.removeEventListener('change', update));
  return narrow;
}
