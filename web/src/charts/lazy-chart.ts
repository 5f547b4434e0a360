// The chart component desks use: `<LazyChart :option="…" />`. Loaded on first use, so the login
// page and the desks without charts never download ECharts (docs/console.md "Charts").
import { defineAsyncComponent } from 'vue';

export const LazyChart = defineAsyncComponent(() => import('./EChart.vue'));
