/**
 * Apache ECharts, tree-shaken: only the Sankey and bar charts, the tooltip, grid and legend, and the SVG renderer (its
 * shapes are DOM elements, so a click on a node or a link is a click on the page, and prints stay sharp). Loaded
 * on demand by the pages that draw a chart, so the first page does not carry it.
 */
import { BarChart, SankeyChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([SankeyChart, BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { echarts };
