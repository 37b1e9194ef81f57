// asciichart 1.5 ships no types; this is the part the chart panel uses.
declare module 'asciichart' {
  interface PlotConfig {
    /** Rows above the lowest one: the chart is height + 1 rows tall. */
    height?: number;
    /** Columns before the data: the label, then the axis in column offset - 1. */
    offset?: number;
    padding?: string;
    /** ANSI colour codes, one per series. */
    colors?: string[];
    format?: (value: number, row: number) => string;
    min?: number;
    max?: number;
    symbols?: string[];
  }
  const asciichart: {
    plot(series: number[] | number[][], config?: PlotConfig): string;
    readonly cyan: string;
    readonly magenta: string;
    readonly yellow: string;
    readonly green: string;
    readonly blue: string;
    readonly red: string;
    /** The ANSI code that ends a colour. */
    readonly reset: string;
  };
  export = asciichart;
}
