/** A plain horizontal bar chart as SVG, written from the numbers: no external service. */
export interface Bar {
  label: string;
  value: number;
  /** The group a bar belongs to, for its colour (e.g. the database). */
  group: string;
}

const COLOURS = ['#3b6ea5', '#c0504d', '#6b8e23', '#8064a2'];

export function barChartSvg(title: string, unit: string, bars: readonly Bar[]): string {
  const labelWidth = 370;
  const barArea = 440;
  const rowHeight = 22;
  const top = 44;
  const width = labelWidth + barArea + 110;
  const height = top + bars.length * rowHeight + 34;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const groups = [...new Set(bars.map((b) => b.group))];
  const colour = (group: string) => COLOURS[groups.indexOf(group) % COLOURS.length];
  const rows = bars.map((bar, i) => {
    const y = top + i * rowHeight;
    const w = Math.max(1, (bar.value / max) * barArea);
    return [
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escape(bar.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowHeight - 6}" fill="${colour(bar.group)}"/>`,
      `<text x="${labelWidth + w + 6}" y="${y + 15}">${Math.round(bar.value).toLocaleString('en-US')} ${escape(unit)}</text>`,
    ].join('');
  });
  const legend = groups.map((g, i) => `<rect x="${labelWidth + i * 140}" y="${height - 22}" width="12" height="12" fill="${colour(g)}"/><text x="${labelWidth + i * 140 + 18}" y="${height - 12}">${escape(g)}</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="12" y="24" font-size="15" font-weight="bold">${escape(title)}</text>`,
    ...rows,
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
