// ECharts with only the parts the dashboard draws, which keeps the bundle to about half of the full library.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  DataZoomComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TitleComponent, TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, LineChart, ScatterChart, DataZoomComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent,
  TitleComponent, TooltipComponent, CanvasRenderer,
]);

export type Chart = echarts.ECharts;

const open = new Set<Chart>();
window.addEventListener('resize', () => open.forEach(c => c.resize()));

export function chart(element: HTMLElement): Chart {
  const c = echarts.init(element, undefined, { renderer: 'canvas' });
  open.add(c);
  return c;
}

/** Frees every chart of the page being left. */
export function disposeAll(): void {
  open.forEach(c => c.dispose());
  open.clear();
}
