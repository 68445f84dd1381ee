/** Types for asciichart 1.5 (the package ships none). */
declare module 'asciichart' {
  export interface PlotConfig {
    min?: number;
    max?: number;
    height?: number;
    offset?: number;
    padding?: string;
    colors?: string[];
    symbols?: string[];
    format?: (value: number, index: number) => string;
  }
  export function plot(series: number[] | number[][], config?: PlotConfig): string;
  export const blue: string;
  export const red: string;
  export const green: string;
  export const yellow: string;
  export const darkgray: string;
  export const reset: string;
  const asciichart: { plot: typeof plot; blue: string; red: string; green: string; yellow: string; darkgray: string; reset: string };
  export default asciichart;
}
