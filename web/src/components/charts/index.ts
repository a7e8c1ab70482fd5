// Charts for the console: `import { Chart, useChartTheme } from '../../components/charts';`
export { Chart, type ChartProps } from './Chart';
export { type ChartTheme, toRgba, useChartTheme, withAlpha } from './chart-theme';
export type { ChartOption } from './echarts';
