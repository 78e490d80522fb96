import { useEffect, useLayoutEffect, useRef } from 'react';

/** The NHS identity palette (blue, green, purple, warm yellow, pink, aqua green, grey, red). */
export const NHS_COLOURS = ['#005eb8', '#007f3b', '#330072', '#ffb81c', '#ae2573', '#00a499', '#768692', '#d5281b'];

export interface ChartClick {
  dataType?: string;
  data?: unknown;
  name?: string;
}

/**
 * An ECharts chart. The chart library is loaded when the first chart is drawn. The chart is a picture for those
 * who can see it (its label says what it shows); every page that draws one also gives its figures as a table, which
 * is what keyboards and screen readers use.
 */
export function Chart({
  option,
  label,
  onClick,
  small,
}: {
  option: Record<string, unknown>;
  label: string;
  onClick?: (click: ChartClick) => void;
  small?: boolean;
}) {
  const element = useRef<HTMLDivElement>(null);
  // the latest onClick for the chart's handler, which is bound once per drawing; kept after each render, not during it
  const clicked = useRef(onClick);
  useLayoutEffect(() => {
    clicked.current = onClick;
  });
  useEffect(() => {
    let disposed = false;
    let dispose: () => void = () => undefined;
    void import('../charts/echarts-setup').then(({ echarts }) => {
      const host = element.current;
      if (disposed || !host) return;
      const chart = echarts.init(host, null, { renderer: 'svg' });
      chart.setOption({
        color: NHS_COLOURS,
        textStyle: { fontFamily: 'Arial, sans-serif', color: '#212b32' },
        animation: false,
        ...option,
      });
      chart.on('click', (params) => clicked.current?.(params as ChartClick));
      const resize = new ResizeObserver(() => chart.resize());
      resize.observe(host);
      host.dataset.chartReady = 'true';
      dispose = () => {
        // a chart drawn again (new option) is not ready until its replacement is
        delete host.dataset.chartReady;
        resize.disconnect();
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, [option]);
  return <div ref={element} className={`app-chart${small ? ' app-chart--small' : ''}`} role="img" aria-label={label} />;
}
